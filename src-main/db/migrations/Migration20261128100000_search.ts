import { Migration } from '@mikro-orm/migrations'

/** The searchable text of each kind, as SQL over a row called `r`. */
const SOURCES = {
  movie: {
    table: 'movie',
    columns: ['title', 'description'],
    values: ['r.title', "ifnull(r.description, '')"],
  },
  person: {
    table: 'person',
    columns: ['name'],
    values: ["trim(ifnull(r.first_name, '') || ' ' || ifnull(r.last_name, ''))"],
  },
  character: { table: 'character', columns: ['name'], values: ['r.name'] },
} as const

/**
 * Full-text search (FTS5) over movie titles and descriptions, people's names and character names:
 * accents folded (remove_diacritics 2: "amelie" finds "Amélie"), case-insensitive, prefix indexes
 * for search-as-you-type. Contentless tables kept in step by triggers, backfilled from existing rows.
 */
export class Migration20261128100000_search extends Migration {
  override name = 'Migration20261128100000_search'

  override up(): void {
    for (const { table, columns, values } of Object.values(SOURCES)) {
      const search = `${table}_search`
      const fromRow = (row: 'new' | 'old') => values.map((v) => v.replaceAll('r.', `${row}.`)).join(', ')
      this.addSql(
        `create virtual table \`${search}\` using fts5(${columns.join(', ')}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3')`,
      )
      this.addSql(
        `insert into \`${search}\` (rowid, ${columns.join(', ')}) select r.id, ${values.join(', ')} from \`${table}\` r`,
      )
      this.addSql(
        `create trigger \`${search}_after_insert\` after insert on \`${table}\` begin insert into \`${search}\` (rowid, ${columns.join(', ')}) values (new.id, ${fromRow('new')}); end`,
      )
      this.addSql(
        `create trigger \`${search}_after_update\` after update on \`${table}\` begin delete from \`${search}\` where rowid = old.id; insert into \`${search}\` (rowid, ${columns.join(', ')}) values (new.id, ${fromRow('new')}); end`,
      )
      this.addSql(
        `create trigger \`${search}_after_delete\` after delete on \`${table}\` begin delete from \`${search}\` where rowid = old.id; end`,
      )
    }
  }

  override down(): void {
    for (const { table } of Object.values(SOURCES)) {
      for (const event of ['insert', 'update', 'delete'])
        this.addSql(`drop trigger if exists \`${table}_search_after_${event}\``)
      this.addSql(`drop table if exists \`${table}_search\``)
    }
  }
}
