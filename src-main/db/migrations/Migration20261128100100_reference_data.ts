import { Migration } from '@mikro-orm/migrations'
import { referenceDataStatements } from '../reference-data.ts'

/** Countries and genres, once: a migration runs once, so what people delete later stays deleted. */
export class Migration20261128100100_reference_data extends Migration {
  override name = 'Migration20261128100100_reference_data'

  override up(): void {
    for (const statement of referenceDataStatements(new Date())) this.addSql(statement)
  }
}
