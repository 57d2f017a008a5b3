import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Migration } from '@mikro-orm/migrations'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveDataDir } from '../../src-main/db/data-dir.ts'
import { migrationsList } from '../../src-main/db/migrations/index.ts'
import { DatabaseOpenError, openDatabase } from '../../src-main/db/open-database.ts'
import {
  isoCountryNames,
  referenceDataStatements,
  STANDARD_GENRES,
} from '../../src-main/db/reference-data.ts'

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'catalog-db-'))
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

const dbPath = () => join(dataDir, 'catalog.sqlite')
const readOnly = <T>(query: string): T[] => {
  const db = new Database(dbPath(), { readonly: true })
  try {
    return db.prepare(query).all() as T[]
  } finally {
    db.close()
  }
}
const columnsOf = (table: string) =>
  readOnly<{ name: string }>(`pragma table_info(\`${table}\`)`).map((column) => column.name)

/** Leaves the file with only the first `count` migrations applied, as an older version of the app did. */
async function migrateTo(count: number) {
  await (await openDatabase(dataDir, migrationsList.slice(0, count))).orm.close()
}

/** Rebuilds the movie table the way SQLite schema changes must (new table, copy, drop, rename). */
class RebuildMovieTable extends Migration {
  override name = 'Migration29990101000000_rebuild_movie'

  override up(): void {
    this.addSql(
      "create table movie_new (id integer not null primary key autoincrement, title text not null, title_sort_key text not null, description text, budget integer, release_date date, duration integer, director_id integer references person (id) on delete set null, country_id integer references country (id) on delete set null, poster_id integer references file (id) on delete set null, created_at datetime not null, updated_at datetime not null, release_date_precision text not null default 'day')",
    )
    this.addSql('insert into movie_new select * from movie')
    // With foreign keys on, this drop would cascade to character, movie_genre and favorite_movie.
    this.addSql('drop table movie')
    this.addSql('alter table movie_new rename to movie')
  }
}

describe('opening a database', () => {
  it('creates catalog.sqlite with WAL, foreign keys, every table and the reference data', async () => {
    const { orm, backupPath, appliedMigrations } = await openDatabase(dataDir)
    const connection = orm.em.getConnection()
    expect(await connection.execute('pragma journal_mode')).toEqual([{ journal_mode: 'wal' }])
    expect(await connection.execute('pragma foreign_keys')).toEqual([{ foreign_keys: 1 }])
    // A second process (a backup tool, the harness beside the app) waits for a lock instead of failing at once.
    expect(await connection.execute('pragma busy_timeout')).toEqual([{ timeout: 5000 }])
    await orm.close()
    expect(backupPath).toBeNull()
    expect(appliedMigrations).toEqual(migrationsList.map((m) => m.name))
    const tables = readOnly<{ name: string }>("select name from sqlite_master where type = 'table'").map(
      (t) => t.name,
    )
    for (const table of [
      'user',
      'file',
      'movie',
      'person',
      'character',
      'genre',
      'country',
      'favorite_movie',
      'movie_genre',
    ]) {
      expect(tables).toContain(table)
      const columns = readOnly<{ name: string }>(`pragma table_info(\`${table}\`)`).map((c) => c.name)
      expect(columns).toEqual(expect.arrayContaining(['created_at', 'updated_at']))
    }
    expect(readOnly<{ n: number }>('select count(*) n from country')[0]?.n).toBe(isoCountryNames().length)
    expect(readOnly<{ n: number }>('select count(*) n from genre')[0]?.n).toBe(STANDARD_GENRES.length)
  })

  it('has an index for every foreign key', async () => {
    const { orm } = await openDatabase(dataDir)
    await orm.close()
    for (const table of ['user', 'movie', 'person', 'character', 'favorite_movie', 'movie_genre']) {
      const indexed = new Set(
        readOnly<{ name: string }>(`pragma index_list(\`${table}\`)`).flatMap((index) =>
          readOnly<{ name: string | null; seqno: number }>(`pragma index_info(\`${index.name}\`)`)
            .filter((column) => column.seqno === 0)
            .map((column) => column.name),
        ),
      )
      for (const fk of readOnly<{ from: string }>(`pragma foreign_key_list(\`${table}\`)`)) {
        expect(indexed, `${table}.${fk.from}`).toContain(fk.from)
      }
    }
  })

  it('reopening changes nothing and makes no backup', async () => {
    await (await openDatabase(dataDir)).orm.close()
    const before = readOnly('select * from country order by id')
    const again = await openDatabase(dataDir)
    await again.orm.close()
    expect(again.appliedMigrations).toEqual([])
    expect(again.backupPath).toBeNull()
    expect(readOnly('select * from country order by id')).toEqual(before)
    expect(existsSync(join(dataDir, 'backups'))).toBe(false)
  })

  it('seeding twice changes nothing, and a deleted genre stays deleted on reopen', async () => {
    const { orm } = await openDatabase(dataDir)
    const connection = orm.em.getConnection()
    const snapshot = async () => [
      await connection.execute('select id, name, created_at from country order by id'),
      await connection.execute('select id, name, created_at from genre order by id'),
    ]
    const before = await snapshot()
    for (const statement of referenceDataStatements(new Date())) await connection.execute(statement)
    expect(await snapshot()).toEqual(before)
    await connection.execute("delete from genre where name = 'Western'")
    await orm.close()
    await (await openDatabase(dataDir)).orm.close()
    expect(readOnly("select * from genre where name = 'Western'")).toHaveLength(0)
  })

  it('a migration applied to a populated database loses nothing, after a backup', async () => {
    await migrateTo(1)
    const writer = new Database(dbPath())
    writer.pragma('foreign_keys = on')
    const now = Date.now()
    writer.exec(`
      insert into country (id, name, name_key, created_at, updated_at) values (1, 'Atlantis', 'atlantis', ${now}, ${now});
      insert into genre (id, name, name_key, created_at, updated_at) values (1, 'Drama', 'drama', ${now}, ${now});
      insert into person (id, first_name, last_name, country_id, created_at, updated_at) values (1, 'Agnès', 'Varda', 1, ${now}, ${now});
      insert into movie (id, title, title_sort_key, director_id, country_id, created_at, updated_at) values (1, 'Cléo from 5 to 7', lower('Cléo from 5 to 7'), 1, 1, ${now}, ${now});
      insert into movie_genre (movie_id, genre_id, created_at, updated_at) values (1, 1, ${now}, ${now});
      insert into character (id, name, movie_id, actor_id, created_at, updated_at) values (1, 'Cléo', 1, 1, ${now}, ${now});
    `)
    writer.close()
    // The columns there before: a later migration may add columns, never change or lose these.
    const tables = ['country', 'genre', 'person', 'movie', 'movie_genre', 'character']
    const columnsBefore = new Map(tables.map((table) => [table, columnsOf(table)]))
    const dump = () =>
      tables.map((table) =>
        readOnly(
          `select ${columnsBefore
            .get(table)!
            .map((c) => `\`${c}\``)
            .join(', ')} from \`${table}\` where rowid <= 1 order by rowid`,
        ),
      )
    const before = dump()

    const opened = await openDatabase(dataDir)
    await opened.orm.close()
    expect(opened.appliedMigrations).toEqual(migrationsList.slice(1).map((m) => m.name))
    expect(dump()).toEqual(before)
    // The new search index was filled from the rows already there.
    expect(readOnly("select rowid from movie_search where movie_search match 'cleo*'")).toEqual([
      { rowid: 1 },
    ])
    expect(readOnly('pragma foreign_key_check')).toEqual([])

    expect(opened.backupPath).not.toBeNull()
    const backup = new Database(opened.backupPath!, { readonly: true })
    expect(backup.prepare('select title from movie').all()).toEqual([{ title: 'Cléo from 5 to 7' }])
    backup.close()
    expect(await readdir(join(dataDir, 'backups'))).toHaveLength(1)
  })

  it('says which file it could not open when the catalogue is not a database, and leaves it alone', async () => {
    const garbage = Buffer.from('this is not a SQLite database, just some bytes someone saved here')
    await writeFile(dbPath(), garbage)
    const error = await openDatabase(dataDir).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DatabaseOpenError)
    expect((error as Error).message).toContain(dbPath())
    expect((error as Error).message).toMatch(/could not be opened: .*not a database/)
    expect(await readFile(dbPath())).toEqual(garbage)
  })

  it('refuses, unchanged, a database written by a newer version', async () => {
    await (await openDatabase(dataDir)).orm.close()
    const writer = new Database(dbPath())
    writer
      .prepare('insert into mikro_orm_migrations (name, executed_at) values (?, ?)')
      .run('Migration29990101000000_future', Date.now())
    writer.close()
    const before = readOnly('select * from mikro_orm_migrations')
    const attempt = openDatabase(dataDir)
    await expect(attempt).rejects.toBeInstanceOf(DatabaseOpenError)
    await expect(attempt).rejects.toThrow(
      /newer version.*Migration29990101000000_future.*Nothing was changed/s,
    )
    expect(readOnly('select * from mikro_orm_migrations')).toEqual(before)
  })
})

describe('the committed migrations', () => {
  it('build exactly the schema the entities describe: no drift either way', async () => {
    const { orm } = await openDatabase(dataDir)
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false })
    await orm.close()
    // The search triggers feed FTS5 tables the entities cannot model, so the diff always proposes dropping them.
    const statements = diff
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !/^drop trigger if exists `\w+_search_after_\w+`;$/.test(line))
    expect(statements).toEqual([])
  })

  it('Migration20261129005814_sign_in_streak adds the streak table to a populated catalogue and loses nothing', async () => {
    const index = migrationsList.findIndex((m) => m.name === 'Migration20261129005814_sign_in_streak')
    await migrateTo(index)
    const writer = new Database(dbPath())
    writer.pragma('foreign_keys = on')
    const now = Date.now()
    writer.exec(`
      insert into user (id, username, email, password, created_at, updated_at) values (1, 'ann', 'ann@example.com', 'scrypt$N=16384,r=8,p=1$c2FsdA==$aGFzaA==', ${now}, ${now});
      insert into movie (id, title, title_sort_key, created_at, updated_at) values (1, 'Playtime', 'playtime', ${now}, ${now});
      insert into favorite_movie (user_id, movie_id, created_at, updated_at) values (1, 1, ${now}, ${now});
    `)
    writer.close()
    // The columns as they were: later migrations may add columns of their own.
    const columns = new Map(['user', 'movie', 'favorite_movie'].map((table) => [table, columnsOf(table)]))
    const dump = () =>
      [...columns].map(([table, names]) =>
        readOnly(`select ${names.map((name) => `\`${name}\``).join(', ')} from \`${table}\``),
      )
    const before = dump()

    const opened = await openDatabase(dataDir)
    await opened.orm.close()

    expect(opened.appliedMigrations).toEqual(migrationsList.slice(index).map((m) => m.name))
    expect(opened.backupPath).not.toBeNull()
    expect(dump()).toEqual(before)
    expect(readOnly('select * from sign_in_streak')).toEqual([])
    expect(
      readOnly("select name from sqlite_master where tbl_name = 'sign_in_streak' and type = 'index'"),
    ).toEqual(expect.arrayContaining([{ name: 'sign_in_streak_blocked_until_index' }]))
    expect(readOnly('pragma foreign_key_check')).toEqual([])
  })
  it('Migration20261130090100_people_indexes indexes a populated catalogue by date of birth and actors with their movies, and loses nothing', async () => {
    const index = migrationsList.findIndex((m) => m.name === 'Migration20261130090100_people_indexes')
    await migrateTo(index)
    const writer = new Database(dbPath())
    writer.pragma('foreign_keys = on')
    const now = Date.now()
    writer.exec(`
      insert into person (id, first_name, last_name, last_name_sort_key, date_of_birth, created_at, updated_at) values
        (1, 'Agnès', 'Varda', 'varda', '1928-05-30', ${now}, ${now}),
        (2, 'Jacques', 'Demy', 'demy', '1931-06-05', ${now}, ${now}),
        (3, null, 'Nameless', 'nameless', null, ${now}, ${now});
      insert into movie (id, title, title_sort_key, director_id, created_at, updated_at) values (1, 'Cléo from 5 to 7', 'cleo from 5 to 7', 1, ${now}, ${now});
      insert into character (id, name, movie_id, actor_id, created_at, updated_at) values (1, 'Cléo', 1, 2, ${now}, ${now});
    `)
    writer.close()
    const dump = () => ['person', 'movie', 'character'].map((table) => readOnly(`select * from \`${table}\``))
    const before = dump()

    const opened = await openDatabase(dataDir)
    await opened.orm.close()

    expect(opened.appliedMigrations).toEqual(migrationsList.slice(index).map((m) => m.name))
    expect(opened.backupPath).not.toBeNull()
    expect(dump()).toEqual(before)
    expect(
      readOnly("select name from sqlite_master where tbl_name = 'person' and type = 'index' order by name"),
    ).toEqual(
      expect.arrayContaining([
        { name: 'person_sort_date_of_birth_asc_index' },
        { name: 'person_sort_date_of_birth_desc_index' },
      ]),
    )
    // The list's two orders by date of birth now read the new indexes, unknown dates last both ways.
    expect(
      readOnly(
        "select id from person indexed by person_sort_date_of_birth_asc_index order by ifnull(date_of_birth, '9999-12-31'), id",
      ),
    ).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
    expect(
      readOnly(
        "select id from person indexed by person_sort_date_of_birth_desc_index order by ifnull(date_of_birth, '') desc, id desc",
      ),
    ).toEqual([{ id: 2 }, { id: 1 }, { id: 3 }])
    // An actor's movies are counted from the new index alone, which also serves the foreign key now.
    const actorIndexes = readOnly<{ name: string }>("pragma index_list('character')").map((i) => i.name)
    expect(actorIndexes).toContain('character_actor_movie_index')
    expect(actorIndexes).not.toContain('character_actor_id_index')
    expect(
      readOnly(
        'explain query plan select actor_id, count(distinct movie_id) from character where actor_id is not null group by actor_id',
      ).map((step) => (step as { detail: string }).detail),
    ).toEqual([expect.stringMatching(/USING COVERING INDEX character_actor_movie_index/)])
    expect(readOnly('pragma foreign_key_check')).toEqual([])
  })
})

describe('the catalogue UI migration (Migration20261129010000_ui_part1)', () => {
  const before = migrationsList.findIndex((m) => m.name === 'Migration20261129010000_ui_part1')

  it('keeps every row of a populated catalogue, adds its columns in place, and changes no stored meaning', async () => {
    await migrateTo(before)
    const writer = new Database(dbPath())
    writer.pragma('foreign_keys = on')
    const now = Date.now()
    writer.exec(`
      insert into file (id, file_name, mime_type, key, url, size, created_at, updated_at) values (1, 'a.png', 'image/png', '${'a'.repeat(64)}', 'media://files/${'a'.repeat(64)}', 1, ${now}, ${now});
      insert into user (id, username, email, password, avatar_id, created_at, updated_at) values (1, 'ann', 'ann@example.com', 'scrypt$x', 1, ${now}, ${now}), (2, 'bob', 'bob@example.com', 'scrypt$y', null, ${now}, ${now});
      insert into person (id, first_name, last_name, primary_photo_id, created_at, updated_at) values (1, 'Agnès', 'Varda', 1, ${now}, ${now});
      insert into movie (id, title, title_sort_key, release_date, director_id, poster_id, created_at, updated_at) values
        (1, 'Cléo from 5 to 7', 'cleo from 5 to 7', '1962-04-11', 1, 1, ${now}, ${now}),
        (2, 'Vagabond', 'vagabond', '1985-01-01', null, null, ${now}, ${now}),
        (3, 'Undated', 'undated', null, null, null, ${now}, ${now});
      insert into movie_genre (movie_id, genre_id, created_at, updated_at) values (1, 1, ${now}, ${now}), (2, 1, ${now}, ${now}), (2, 2, ${now}, ${now});
      insert into character (id, name, movie_id, actor_id, created_at, updated_at) values (1, 'Cléo', 1, 1, ${now}, ${now});
      insert into favorite_movie (user_id, movie_id, created_at, updated_at) values (1, 1, ${now}, ${now}), (2, 2, ${now}, ${now});
    `)
    writer.close()
    const tables = ['file', 'user', 'person', 'movie', 'movie_genre', 'character', 'favorite_movie']
    const columnsBefore = new Map(tables.map((table) => [table, columnsOf(table)]))
    const dump = () =>
      tables.map((table) =>
        readOnly(
          `select ${columnsBefore
            .get(table)!
            .map((c) => `\`${c}\``)
            .join(', ')} from \`${table}\` order by rowid`,
        ),
      )
    const rowsBefore = dump()
    const rootPages = () =>
      readOnly("select name, rootpage from sqlite_master where type = 'table' and name in ('movie', 'user')")
    const pagesBefore = rootPages()

    const opened = await openDatabase(dataDir)
    await opened.orm.close()

    expect(opened.appliedMigrations).toEqual(migrationsList.slice(before).map((m) => m.name))
    expect(opened.backupPath).not.toBeNull()
    expect(dump()).toEqual(rowsBefore)
    // Added in place: a rebuilt table would live at new pages.
    expect(rootPages()).toEqual(pagesBefore)
    // Every stored date was entered as a full day, and nobody chose to stay signed in.
    expect(readOnly('select id, release_date_precision from movie order by id')).toEqual([
      { id: 1, release_date_precision: 'day' },
      { id: 2, release_date_precision: 'day' },
      { id: 3, release_date_precision: 'day' },
    ])
    expect(readOnly('select id, stay_signed_in from user order by id')).toEqual([
      { id: 1, stay_signed_in: 0 },
      { id: 2, stay_signed_in: 0 },
    ])
    expect(readOnly('pragma foreign_key_check')).toEqual([])
    const indexes = readOnly<{ name: string }>("select name from sqlite_master where type = 'index'").map(
      (index) => index.name,
    )
    expect(indexes).toEqual(
      expect.arrayContaining([
        'movie_release_date_index',
        'movie_genre_genre_movie_index',
        'user_stay_signed_in_unique',
      ]),
    )
    expect(indexes).not.toContain('movie_genre_genre_id_index')

    const db = new Database(dbPath())
    try {
      expect(() => db.exec("update movie set release_date_precision = 'month' where id = 1")).toThrow(
        /CHECK constraint failed/,
      )
      db.exec('update user set stay_signed_in = 1 where id = 1')
      expect(() => db.exec('update user set stay_signed_in = 1 where id = 2')).toThrow(
        /UNIQUE constraint failed/,
      )
    } finally {
      db.close()
    }
  })
})

describe('the one-letter search migration (Migration20261130090000_search_one_letter)', () => {
  const before = migrationsList.findIndex((m) => m.name === 'Migration20261130090000_search_one_letter')

  it('rebuilds the full-text indexes of a populated catalogue with a one-letter prefix index: every row found as before, and kept in step', async () => {
    await migrateTo(before)
    const writer = new Database(dbPath())
    writer.pragma('foreign_keys = on')
    const now = Date.now()
    writer.exec(`
      insert into person (id, first_name, last_name, created_at, updated_at) values (1, 'Agnès', 'Varda', ${now}, ${now}), (2, null, 'Tati', ${now}, ${now});
      insert into movie (id, title, title_sort_key, description, created_at, updated_at) values
        (1, 'Cléo from 5 to 7', 'cleo from 5 to 7', 'A singer waits for news', ${now}, ${now}),
        (2, 'Playtime', 'playtime', null, ${now}, ${now});
      insert into character (id, name, movie_id, actor_id, created_at, updated_at) values (1, 'Cléo', 1, 1, ${now}, ${now}), (2, 'Hulot', 2, 2, ${now}, ${now});
    `)
    writer.close()
    const searches = ['"cleo"*', '"va"*', '"sin"*', '"playtime"*', '"hu"*', '"agnes" "va"*', '"ta"*']
    const found = () =>
      ['movie', 'person', 'character'].map((kind) =>
        searches.map((match) =>
          readOnly(`select rowid from ${kind}_search where ${kind}_search match '${match}' order by rowid`),
        ),
      )
    const foundBefore = found()

    const opened = await openDatabase(dataDir)
    await opened.orm.close()

    expect(opened.appliedMigrations).toEqual(migrationsList.slice(before).map((m) => m.name))
    expect(opened.backupPath).not.toBeNull()
    expect(found()).toEqual(foundBefore)
    for (const kind of ['movie', 'person', 'character']) {
      const [table] = readOnly<{ sql: string }>(`select sql from sqlite_master where name = '${kind}_search'`)
      // Later migrations add longer prefixes (see below).
      expect(table?.sql, kind).toMatch(/prefix='1 2 3[ ']/)
    }
    // One letter, answered from the new prefix index, accents folded as before.
    expect(readOnly(`select rowid from movie_search where movie_search match '"c"*'`)).toEqual([{ rowid: 1 }])
    expect(readOnly(`select rowid from person_search where person_search match '"a"*'`)).toEqual([
      { rowid: 1 },
    ])
    expect(readOnly(`select rowid from character_search where character_search match '"h"*'`)).toEqual([
      { rowid: 2 },
    ])

    // The triggers came back with the tables: an insert, a rename and a delete are followed.
    const db = new Database(dbPath())
    try {
      db.exec(`
        insert into movie (id, title, title_sort_key, created_at, updated_at) values (3, 'Mon Oncle', 'mon oncle', ${now}, ${now});
        update movie set title = 'Trafic', title_sort_key = 'trafic' where id = 2;
        delete from character where id = 1;
      `)
    } finally {
      db.close()
    }
    expect(readOnly(`select rowid from movie_search where movie_search match '"o"*'`)).toEqual([{ rowid: 3 }])
    expect(readOnly(`select rowid from movie_search where movie_search match '"playtime"*'`)).toEqual([])
    expect(readOnly(`select rowid from movie_search where movie_search match '"t"*'`)).toEqual([
      { rowid: 1 },
      { rowid: 2 },
    ])
    expect(readOnly(`select rowid from character_search where character_search match '"c"*'`)).toEqual([])
  })
})

describe('the longer-prefixes search migration (Migration20261201090000_search_longer_prefixes)', () => {
  const before = migrationsList.findIndex((m) => m.name === 'Migration20261201090000_search_longer_prefixes')

  it('rebuilds the full-text indexes with four- and five-letter prefix indexes: every row found as before, and kept in step', async () => {
    await migrateTo(before)
    const writer = new Database(dbPath())
    const now = Date.now()
    writer.exec(`
      insert into person (id, first_name, last_name, created_at, updated_at) values (1, 'Johnny', 'Smithers', ${now}, ${now}), (2, 'John', 'Smith', ${now}, ${now}), (3, 'Jo', 'Nightingale', ${now}, ${now});
      insert into movie (id, title, title_sort_key, description, created_at, updated_at) values
        (1, 'Night of the Hunter', 'night of the hunter', 'Nightfall on the river', ${now}, ${now}),
        (2, 'Nightmare Alley', 'nightmare alley', null, ${now}, ${now}),
        (3, 'Amélie', 'amelie', 'Nigh on', ${now}, ${now});
      insert into character (id, name, movie_id, actor_id, created_at, updated_at) values (1, 'Harry Powell', 1, 1, ${now}, ${now}), (2, 'Stanton Carlisle', 2, 2, ${now}, ${now});
    `)
    writer.close()
    const searches = [
      '"nigh"*',
      '"night"*',
      '"nightm"*',
      '"john"* "smi"*',
      '"smith"*',
      '"ameli"*',
      '"powe"*',
      '"carl"*',
    ]
    const found = () =>
      ['movie', 'person', 'character'].map((kind) =>
        searches.map((match) =>
          readOnly(`select rowid from ${kind}_search where ${kind}_search match '${match}' order by rowid`),
        ),
      )
    const foundBefore = found()
    expect(foundBefore[0]![0]).toEqual([{ rowid: 1 }, { rowid: 2 }, { rowid: 3 }])
    expect(foundBefore[1]![3]).toEqual([{ rowid: 1 }, { rowid: 2 }])

    const opened = await openDatabase(dataDir)
    await opened.orm.close()

    expect(opened.appliedMigrations).toEqual(migrationsList.slice(before).map((m) => m.name))
    expect(found()).toEqual(foundBefore)
    for (const kind of ['movie', 'person', 'character']) {
      const [table] = readOnly<{ sql: string }>(`select sql from sqlite_master where name = '${kind}_search'`)
      expect(table?.sql, kind).toContain("prefix='1 2 3 4 5'")
    }

    // The triggers came back with the tables: an insert, a rename and a delete are followed.
    const db = new Database(dbPath())
    try {
      db.exec(`
        insert into person (id, first_name, last_name, created_at, updated_at) values (4, 'Johanna', 'Smillie', ${now}, ${now});
        update person set first_name = 'Jack' where id = 2;
        delete from movie where id = 3;
      `)
    } finally {
      db.close()
    }
    expect(
      readOnly(`select rowid from person_search where person_search match '"joha"*' order by rowid`),
    ).toEqual([{ rowid: 4 }])
    expect(
      readOnly(`select rowid from person_search where person_search match '"john"*' order by rowid`),
    ).toEqual([{ rowid: 1 }])
    expect(
      readOnly(`select rowid from movie_search where movie_search match '"nigh"*' order by rowid`),
    ).toEqual([{ rowid: 1 }, { rowid: 2 }])
  })
})

describe('a table-rebuild migration', () => {
  it('keeps every child row, because foreign keys are off while migrations run', async () => {
    await migrateTo(migrationsList.length)
    const writer = new Database(dbPath())
    const now = Date.now()
    writer.exec(`
      insert into movie (id, title, title_sort_key, created_at, updated_at) values (1, 'Playtime', lower('Playtime'), ${now}, ${now});
      insert into character (id, name, movie_id, created_at, updated_at) values (1, 'Monsieur Hulot', 1, ${now}, ${now});
      insert into movie_genre (movie_id, genre_id, created_at, updated_at) values (1, 1, ${now}, ${now});
    `)
    writer.close()
    const opened = await openDatabase(dataDir, [
      ...migrationsList,
      { name: 'Migration29990101000000_rebuild_movie', class: RebuildMovieTable },
    ])
    await opened.orm.close()
    expect(opened.appliedMigrations).toEqual(['Migration29990101000000_rebuild_movie'])
    expect(readOnly('select name from character')).toEqual([{ name: 'Monsieur Hulot' }])
    expect(readOnly('select movie_id from movie_genre')).toEqual([{ movie_id: 1 }])
  })
})

describe('a migration that fails', () => {
  class BrokenMigration extends Migration {
    override name = 'Migration29990101000000_broken'

    override up(): void {
      this.addSql("update movie set title = 'half-done'")
      this.addSql('alter table no_such_table add column x integer')
    }
  }

  it('changes nothing, and the error says where the backup is', async () => {
    await migrateTo(migrationsList.length)
    const writer = new Database(dbPath())
    writer
      .prepare(
        'insert into movie (title, title_sort_key, created_at, updated_at) select column1, lower(column1), column2, column3 from (values (?, ?, ?))',
      )
      .run('Playtime', 1, 1)
    writer.close()

    const attempt = openDatabase(dataDir, [
      ...migrationsList,
      { name: 'Migration29990101000000_broken', class: BrokenMigration },
    ])
    const error = await attempt.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DatabaseOpenError)
    const { backupPath, message } = error as DatabaseOpenError
    expect(backupPath).toMatch(/backups/)
    expect(message).toContain(backupPath)
    expect(message).toMatch(/could not be upgraded/)
    expect(readOnly('select title from movie')).toEqual([{ title: 'Playtime' }])
    expect(readOnly("select * from mikro_orm_migrations where name like '%broken%'")).toEqual([])
    expect(existsSync(backupPath!)).toBe(true)
  })
})

describe('the data directory', () => {
  it('comes from --data-dir, then CATALOG_DATA_DIR, then the default', () => {
    const env = { CATALOG_DATA_DIR: '/from/env' }
    expect(resolveDataDir({ argv: ['app', '--data-dir', '/from/flag'], env, defaultDir: '/default' })).toBe(
      '/from/flag',
    )
    expect(resolveDataDir({ argv: ['app', '--data-dir=/eq'], env, defaultDir: '/default' })).toBe('/eq')
    expect(resolveDataDir({ argv: ['app'], env, defaultDir: '/default' })).toBe('/from/env')
    expect(resolveDataDir({ argv: ['app'], env: {}, defaultDir: '/default' })).toBe('/default')
    expect(() => resolveDataDir({ argv: ['app', '--data-dir'], env: {}, defaultDir: '/d' })).toThrow(
      /needs a folder/,
    )
  })
})
