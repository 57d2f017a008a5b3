import { Migration } from '@mikro-orm/migrations'

export class Migration20261128091445_initial extends Migration {
  override name = 'Migration20261128091445_initial'

  override up(): void | Promise<void> {
    this.addSql(
      `create table \`country\` (\`id\` integer not null primary key autoincrement, \`name\` text collate NOCASE not null, \`name_key\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    )
    this.addSql(`create unique index \`country_name_key_unique\` on \`country\` (\`name_key\`);`)

    this.addSql(
      `create table \`file\` (\`id\` integer not null primary key autoincrement, \`file_name\` text not null, \`mime_type\` text not null, \`key\` text not null, \`url\` text not null, \`size\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    )
    this.addSql(`create unique index \`file_key_unique\` on \`file\` (\`key\`);`)

    this.addSql(
      `create table \`genre\` (\`id\` integer not null primary key autoincrement, \`name\` text collate NOCASE not null, \`name_key\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`,
    )
    this.addSql(`create unique index \`genre_name_key_unique\` on \`genre\` (\`name_key\`);`)

    this.addSql(
      `create table \`person\` (\`id\` integer not null primary key autoincrement, \`first_name\` text null, \`last_name\` text null, \`last_name_sort_key\` text null, \`first_name_sort_key\` text null, \`biography\` text null, \`date_of_birth\` date null, \`gender\` text check (\`gender\` in ('female', 'male', 'non-binary', 'other')) null, \`country_id\` integer null, \`primary_photo_id\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`person_country_id_foreign\` foreign key (\`country_id\`) references \`country\` (\`id\`) on delete set null, constraint \`person_primary_photo_id_foreign\` foreign key (\`primary_photo_id\`) references \`file\` (\`id\`) on delete set null);`,
    )
    this.addSql(`create index \`person_country_id_index\` on \`person\` (\`country_id\`);`)
    this.addSql(`create index \`person_primary_photo_id_index\` on \`person\` (\`primary_photo_id\`);`)
    this.addSql(
      `create index \`person_name_sort_index\` on \`person\` (\`last_name_sort_key\`, \`first_name_sort_key\`, \`id\`);`,
    )

    this.addSql(
      `create table \`movie\` (\`id\` integer not null primary key autoincrement, \`title\` text not null, \`title_sort_key\` text not null, \`description\` text null, \`budget\` integer null, \`release_date\` date null, \`duration\` integer null, \`director_id\` integer null, \`country_id\` integer null, \`poster_id\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`movie_director_id_foreign\` foreign key (\`director_id\`) references \`person\` (\`id\`) on delete set null, constraint \`movie_country_id_foreign\` foreign key (\`country_id\`) references \`country\` (\`id\`) on delete set null, constraint \`movie_poster_id_foreign\` foreign key (\`poster_id\`) references \`file\` (\`id\`) on delete set null);`,
    )
    this.addSql(`create index \`movie_director_id_index\` on \`movie\` (\`director_id\`);`)
    this.addSql(`create index \`movie_country_id_index\` on \`movie\` (\`country_id\`);`)
    this.addSql(`create index \`movie_poster_id_index\` on \`movie\` (\`poster_id\`);`)
    this.addSql(`create index \`movie_sort_title_asc_index\` on \`movie\` (title_sort_key, \`id\`);`)
    this.addSql(`create index \`movie_sort_created_at_asc_index\` on \`movie\` (created_at, \`id\`);`)
    this.addSql(
      `create index \`movie_sort_release_date_asc_index\` on \`movie\` (ifnull(release_date, '9999-12-31'), \`id\`);`,
    )
    this.addSql(
      `create index \`movie_sort_release_date_desc_index\` on \`movie\` (ifnull(release_date, ''), \`id\`);`,
    )
    this.addSql(
      `create index \`movie_sort_budget_asc_index\` on \`movie\` (ifnull(budget, 9007199254740992), \`id\`);`,
    )
    this.addSql(`create index \`movie_sort_budget_desc_index\` on \`movie\` (ifnull(budget, -1), \`id\`);`)
    this.addSql(
      `create index \`movie_sort_duration_asc_index\` on \`movie\` (ifnull(duration, 9007199254740992), \`id\`);`,
    )
    this.addSql(
      `create index \`movie_sort_duration_desc_index\` on \`movie\` (ifnull(duration, -1), \`id\`);`,
    )

    this.addSql(
      `create table \`movie_genre\` (\`movie_id\` integer not null, \`genre_id\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`movie_id\`, \`genre_id\`), constraint \`movie_genre_movie_id_foreign\` foreign key (\`movie_id\`) references \`movie\` (\`id\`) on update cascade on delete cascade, constraint \`movie_genre_genre_id_foreign\` foreign key (\`genre_id\`) references \`genre\` (\`id\`) on update cascade on delete cascade);`,
    )
    this.addSql(`create index \`movie_genre_movie_id_index\` on \`movie_genre\` (\`movie_id\`);`)
    this.addSql(`create index \`movie_genre_genre_id_index\` on \`movie_genre\` (\`genre_id\`);`)

    this.addSql(
      `create table \`character\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`description\` text null, \`role\` text check (\`role\` in ('lead', 'supporting', 'cameo', 'voice', 'minor', 'uncredited')) not null default 'supporting', \`movie_id\` integer not null, \`actor_id\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`character_movie_id_foreign\` foreign key (\`movie_id\`) references \`movie\` (\`id\`) on delete cascade, constraint \`character_actor_id_foreign\` foreign key (\`actor_id\`) references \`person\` (\`id\`) on delete set null);`,
    )
    this.addSql(`create index \`character_movie_id_index\` on \`character\` (\`movie_id\`);`)
    this.addSql(`create index \`character_actor_id_index\` on \`character\` (\`actor_id\`);`)

    this.addSql(
      `create table \`user\` (\`id\` integer not null primary key autoincrement, \`username\` text collate NOCASE not null, \`first_name\` text null, \`last_name\` text null, \`email\` text collate NOCASE not null, \`password\` text not null, \`avatar_id\` integer null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`user_avatar_id_foreign\` foreign key (\`avatar_id\`) references \`file\` (\`id\`) on delete set null);`,
    )
    this.addSql(`create unique index \`user_username_unique\` on \`user\` (\`username\`);`)
    this.addSql(`create unique index \`user_email_unique\` on \`user\` (\`email\`);`)
    this.addSql(`create index \`user_avatar_id_index\` on \`user\` (\`avatar_id\`);`)

    this.addSql(
      `create table \`favorite_movie\` (\`user_id\` integer not null, \`movie_id\` integer not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`user_id\`, \`movie_id\`), constraint \`favorite_movie_user_id_foreign\` foreign key (\`user_id\`) references \`user\` (\`id\`) on update cascade on delete cascade, constraint \`favorite_movie_movie_id_foreign\` foreign key (\`movie_id\`) references \`movie\` (\`id\`) on update cascade on delete cascade);`,
    )
    this.addSql(`create index \`favorite_movie_user_id_index\` on \`favorite_movie\` (\`user_id\`);`)
    this.addSql(`create index \`favorite_movie_movie_id_index\` on \`favorite_movie\` (\`movie_id\`);`)
    this.addSql(
      `create index \`favorite_movie_user_recent_index\` on \`favorite_movie\` (\`user_id\`, \`created_at\`, \`movie_id\`);`,
    )
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`country\`;`)
    this.addSql(`drop table if exists \`file\`;`)
    this.addSql(`drop table if exists \`genre\`;`)
    this.addSql(`drop table if exists \`person\`;`)
    this.addSql(`drop table if exists \`movie\`;`)
    this.addSql(`drop table if exists \`movie_genre\`;`)
    this.addSql(`drop table if exists \`character\`;`)
    this.addSql(`drop table if exists \`user\`;`)
    this.addSql(`drop table if exists \`favorite_movie\`;`)
  }
}
