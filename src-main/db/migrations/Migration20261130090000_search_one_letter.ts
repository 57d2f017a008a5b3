import { Migration } from '@mikro-orm/migrations'

/** The searchable text of each kind, as SQL over a row called `r` (as Migration20261128100000_search wrote it). */
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
 * The full-text indexes again, with a prefix index for one letter as well as for two and three. Search as you
 * type starts at the first letter, and without it "a" had to merge every word beginning with "a" before it could
 * count or rank anything. FTS5 fixes its prefix indexes when a table is created, so each table is built anew from
 * its rows, with the same triggers.
 */
export class Migration20261130090000_search_one_letter extends Migration {
  override name = 'Migration20261130090000_search_one_letter'

  override up(): void {
    this.rebuild("'1 2 3'")
  }

  override down(): void {
    this.rebuild("'2 3'")
  }

  /** Each full-text table built anew from its rows with these prefix indexes, and its triggers again. */
  protected rebuild(prefixes: string): void {
    for (const { table, columns, values } of Object.values(SOURCES)) {
      const search = `${table}_search`
      const fromRow = (row: 'new' | 'old') => values.map((v) => v.replaceAll('r.', `${row}.`)).join(', ')
      for (const event of ['insert', 'update', 'delete'])
        this.addSql(`drop trigger if exists \`${search}_after_${event}\``)
      this.addSql(`drop table if exists \`${search}\``)
      this.addSql(
        `create virtual table \`${search}\` using fts5(${columns.join(', ')}, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix=${prefixes})`,
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
}
