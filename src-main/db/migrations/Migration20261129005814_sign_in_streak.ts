import { Migration } from '@mikro-orm/migrations'

/** Wrong-password streaks move from memory into the catalogue, so restarting the app forgives no guess. */
export class Migration20261129005814_sign_in_streak extends Migration {
  override name = 'Migration20261129005814_sign_in_streak'

  override up(): void {
    this.addSql(
      `create table \`sign_in_streak\` (\`key\` text not null primary key, \`failures\` integer not null, \`blocked_until\` datetime not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    )
    this.addSql(
      `create index \`sign_in_streak_blocked_until_index\` on \`sign_in_streak\` (\`blocked_until\`);`,
    )
  }

  override down(): void {
    this.addSql('drop table if exists `sign_in_streak`;')
  }
}
