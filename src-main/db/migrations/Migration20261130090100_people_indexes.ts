import { Migration } from '@mikro-orm/migrations'

/**
 * Indexes for the people screens; no row changes.
 * The people list sorts by date of birth too, oldest or youngest first, with unknown dates last either way:
 * an index per direction on its key (see person-sort-keys.ts), so a page starts anywhere with a seek.
 * An actor's characters are indexed with their movie, so the movies each person plays in are counted from
 * the index alone (the statistics' most frequent actors); it serves the foreign key as the old index did.
 */
export class Migration20261130090100_people_indexes extends Migration {
  override name = 'Migration20261130090100_people_indexes'

  override up(): void {
    this.addSql(
      "create index `person_sort_date_of_birth_asc_index` on `person` (ifnull(date_of_birth, '9999-12-31'), `id`)",
    )
    this.addSql(
      "create index `person_sort_date_of_birth_desc_index` on `person` (ifnull(date_of_birth, ''), `id`)",
    )
    this.addSql('create index `character_actor_movie_index` on `character` (`actor_id`, `movie_id`)')
    this.addSql('drop index `character_actor_id_index`')
  }

  override down(): void {
    this.addSql('create index `character_actor_id_index` on `character` (`actor_id`)')
    this.addSql('drop index `character_actor_movie_index`')
    this.addSql('drop index `person_sort_date_of_birth_desc_index`')
    this.addSql('drop index `person_sort_date_of_birth_asc_index`')
  }
}
