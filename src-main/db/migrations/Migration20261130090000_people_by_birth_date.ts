import { Migration } from '@mikro-orm/migrations'

/**
 * The people list sorts by date of birth too, oldest or youngest first, with unknown dates last either way:
 * an index per direction on its key (see person-sort-keys.ts), so a page starts anywhere with a seek.
 * Indexes only: no row changes.
 */
export class Migration20261130090000_people_by_birth_date extends Migration {
  override name = 'Migration20261130090000_people_by_birth_date'

  override up(): void {
    this.addSql(
      "create index `person_sort_date_of_birth_asc_index` on `person` (ifnull(date_of_birth, '9999-12-31'), `id`)",
    )
    this.addSql(
      "create index `person_sort_date_of_birth_desc_index` on `person` (ifnull(date_of_birth, ''), `id`)",
    )
  }

  override down(): void {
    this.addSql('drop index `person_sort_date_of_birth_desc_index`')
    this.addSql('drop index `person_sort_date_of_birth_asc_index`')
  }
}
