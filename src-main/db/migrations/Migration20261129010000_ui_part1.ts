import { Migration } from '@mikro-orm/migrations'

/**
 * For the catalogue UI: release dates known by year alone, and "stay signed in" per profile.
 * Columns are added in place (ADD COLUMN with a default), never by rebuilding a table, so existing rows
 * keep everything and read as before: every stored date is a full day, and nobody stays signed in.
 */
export class Migration20261129010000_ui_part1 extends Migration {
  override name = 'Migration20261129010000_ui_part1'

  override up(): void {
    this.addSql(
      "alter table `movie` add column `release_date_precision` text check (`release_date_precision` in ('day', 'year')) not null default 'day'",
    )
    this.addSql('alter table `user` add column `stay_signed_in` integer not null default false')
    // At most one profile opens the catalogue signed in; the database refuses a second.
    this.addSql(
      'create unique index `user_stay_signed_in_unique` on `user` (`stay_signed_in`) where `stay_signed_in` = 1',
    )
    // Facets and filters at 100,000 films: release years, and a genre's movies, answered from indexes alone.
    this.addSql('create index `movie_release_date_index` on `movie` (`release_date`)')
    this.addSql('drop index `movie_genre_genre_id_index`')
    this.addSql('create index `movie_genre_genre_movie_index` on `movie_genre` (`genre_id`, `movie_id`)')
  }

  override down(): void {
    this.addSql('drop index `movie_genre_genre_movie_index`')
    this.addSql('create index `movie_genre_genre_id_index` on `movie_genre` (`genre_id`)')
    this.addSql('drop index `movie_release_date_index`')
    this.addSql('drop index `user_stay_signed_in_unique`')
    this.addSql('alter table `user` drop column `stay_signed_in`')
    this.addSql('alter table `movie` drop column `release_date_precision`')
  }
}
