import { join } from 'node:path'
import { SqlEntityManager } from '@mikro-orm/sql'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MARKED_FUNCTION } from '../../src-main/catalog/kept-bitmaps.ts'
import { SORTED_BY_SQL_UP_TO } from '../../src-main/catalog/people/filmography-order.ts'
import { MANY_MATCHES, personListStatements } from '../../src-main/catalog/people/people-list.service.ts'
import { encodeBirthDateCursor, encodePersonCursor } from '../../src-main/catalog/people/person-cursor.ts'
import { sortKeyOf } from '../../src-main/catalog/text-keys.ts'
import { PreparedSql } from '../../src-main/db/prepared-sql.ts'
import type { Page } from '../../src-shared/common.ts'
import type { Input } from '../../src-shared/contract.ts'
import { type PersonListItem, PersonListQuery } from '../../src-shared/people.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

const countryId = (name: string) =>
  catalog.sql<{ id: number }>('select id from country where name = ?', name)[0]!.id
const count = (table: string) => catalog.sql<{ n: number }>(`select count(*) as n from \`${table}\``)[0]!.n
const personRow = (id: number) =>
  catalog.sql<Record<string, unknown>>('select * from person where id = ?', id)[0]

/** Writes rows the catalogue has no service for yet, on a separate connection closed straight after. */
function writeRows<T>(write: (db: Database.Database) => T): T {
  const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
  try {
    db.pragma('foreign_keys = on')
    return write(db)
  } finally {
    db.close()
  }
}

const now = () => Date.now()

function insertMovie(movie: {
  title: string
  releaseDate?: string | null
  directorId?: number | null
}): number {
  return writeRows(
    (db) =>
      db
        .prepare(
          'insert into movie (title, title_sort_key, release_date, director_id, created_at, updated_at) select column1, lower(column1), column2, column3, column4, column5 from (values (?, ?, ?, ?, ?))',
        )
        .run(movie.title, movie.releaseDate ?? null, movie.directorId ?? null, now(), now())
        .lastInsertRowid as number,
  )
}

function insertCharacter(character: { name: string; movieId: number; actorId: number | null }): number {
  return writeRows(
    (db) =>
      db
        .prepare(
          'insert into character (name, movie_id, actor_id, role, created_at, updated_at) values (?, ?, ?, ?, ?, ?)',
        )
        .run(character.name, character.movieId, character.actorId, 'lead', now(), now())
        .lastInsertRowid as number,
  )
}

function insertFile(name: string): number {
  const key = name.padEnd(64, '0')
  return writeRows(
    (db) =>
      db
        .prepare(
          'insert into file (file_name, mime_type, key, url, size, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(`${name}.png`, 'image/png', key, `media://files/${key}`, 68, now(), now())
        .lastInsertRowid as number,
  )
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('people:create and people:get', () => {
  it('creates a person with every field and reads the same detail back', async () => {
    const photoId = insertFile('abc')
    const created = await catalog.call('people:create', {
      firstName: '  Agnès ',
      lastName: 'Varda',
      biography: 'Photographer, then filmmaker.',
      dateOfBirth: '1928-05-30',
      gender: 'female',
      countryId: countryId('France'),
      primaryPhotoFileId: photoId,
    })

    expect(created).toMatchObject({
      firstName: 'Agnès',
      lastName: 'Varda',
      fullName: 'Agnès Varda',
      biography: 'Photographer, then filmmaker.',
      dateOfBirth: '1928-05-30',
      gender: 'female',
      country: { id: countryId('France'), name: 'France' },
      photo: { id: photoId, fileName: 'abc.png', mimeType: 'image/png', size: 68 },
      filmography: { directed: 0, played: 0 },
    })
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(created.updatedAt).toBe(created.createdAt)
    expect(await catalog.call('people:get', { id: created.id })).toEqual(created)
    // Plain JSON: what the harness carries is exactly what IPC carries.
    expect(JSON.parse(JSON.stringify(created))).toEqual(created)

    const row = personRow(created.id)
    expect(row).toMatchObject({ first_name: 'Agnès', last_name: 'Varda', date_of_birth: '1928-05-30' })
    expect(row?.created_at).not.toBeNull()
    expect(row?.updated_at).not.toBeNull()
  })

  it('needs only one half of a name; unknown fields are null', async () => {
    const created = await catalog.call('people:create', { lastName: 'Mononym' })
    expect(created).toMatchObject({
      firstName: null,
      lastName: 'Mononym',
      fullName: 'Mononym',
      biography: null,
      dateOfBirth: null,
      gender: null,
      country: null,
      photo: null,
    })
  })

  it('refuses bad input with field issues and writes nothing', async () => {
    const cases: [unknown, (string | number)[]][] = [
      [{}, ['lastName']],
      [{ firstName: '   ', lastName: '' }, ['lastName']],
      [{ lastName: 'X', dateOfBirth: '1928-13-40' }, ['dateOfBirth']],
      [{ lastName: 'X', gender: 'robot' }, ['gender']],
      [{ lastName: 'X', countryId: 0 }, ['countryId']],
      [{ lastName: 'X'.repeat(201) }, ['lastName']],
    ]
    for (const [input, path] of cases) {
      const error = await catalog.failure('people:create', input)
      expect(error.code, JSON.stringify(input)).toBe('VALIDATION')
      expect(error.issues?.map((issue) => issue.path)).toContainEqual(path)
    }
    expect(count('person')).toBe(0)
  })

  it('answers NOT_FOUND on the field when the country or photo does not exist', async () => {
    const noCountry = await catalog.failure('people:create', { lastName: 'X', countryId: 999_999 })
    expect(noCountry).toEqual({
      code: 'NOT_FOUND',
      message: 'No country with id 999999.',
      issues: [{ path: ['countryId'], message: 'No country with id 999999.' }],
    })
    const noPhoto = await catalog.failure('people:create', { lastName: 'X', primaryPhotoFileId: 77 })
    expect(noPhoto).toMatchObject({ code: 'NOT_FOUND', issues: [{ path: ['primaryPhotoFileId'] }] })
    expect(count('person')).toBe(0)
  })

  it('answers NOT_FOUND for a person that does not exist', async () => {
    expect(await catalog.failure('people:get', { id: 4242 })).toEqual({
      code: 'NOT_FOUND',
      message: 'No person with id 4242.',
    })
  })

  it('lists the movies they directed and the characters they played, by release date then title', async () => {
    const person = await catalog.call('people:create', { firstName: 'Orson', lastName: 'Welles' })
    const kane = insertMovie({ title: 'Citizen Kane', releaseDate: '1941-05-01', directorId: person.id })
    const unknownDate = insertMovie({ title: 'Unfinished', releaseDate: null, directorId: person.id })
    const touch = insertMovie({ title: 'Touch of Evil', releaseDate: '1958-04-23', directorId: person.id })
    const ambersons = insertMovie({ title: 'ambersons', releaseDate: '1958-04-23', directorId: person.id })
    const thirdMan = insertMovie({ title: 'The Third Man', releaseDate: '1949-09-02' })
    insertMovie({ title: 'Someone else’s', releaseDate: '1950-01-01' })
    const lime = insertCharacter({ name: 'Harry Lime', movieId: thirdMan, actorId: person.id })
    const quinlan = insertCharacter({ name: 'Hank Quinlan', movieId: touch, actorId: person.id })
    const kaneCharacter = insertCharacter({ name: 'Charles Foster Kane', movieId: kane, actorId: person.id })

    const kaneFilm = { id: kane, title: 'Citizen Kane', releaseDate: '1941-05-01' }
    const directedInOrder = [
      kaneFilm,
      { id: ambersons, title: 'ambersons', releaseDate: '1958-04-23' },
      { id: touch, title: 'Touch of Evil', releaseDate: '1958-04-23' },
      { id: unknownDate, title: 'Unfinished', releaseDate: null },
    ]
    const playedInOrder = [
      { movie: kaneFilm, character: { id: kaneCharacter, name: 'Charles Foster Kane', role: 'lead' } },
      {
        movie: { id: thirdMan, title: 'The Third Man', releaseDate: '1949-09-02' },
        character: { id: lime, name: 'Harry Lime', role: 'lead' },
      },
      {
        movie: { id: touch, title: 'Touch of Evil', releaseDate: '1958-04-23' },
        character: { id: quinlan, name: 'Hank Quinlan', role: 'lead' },
      },
    ]
    const filmography = (query: Omit<Input<'people:filmography'>, 'personId'>) =>
      catalog.call('people:filmography', { personId: person.id, ...query })

    expect((await catalog.call('people:get', { id: person.id })).filmography).toEqual({
      directed: 4,
      played: 3,
    })
    expect(await filmography({ part: 'directed' })).toEqual({
      total: 4,
      items: directedInOrder.map((movie) => ({ movie, character: null })),
    })
    expect(await filmography({ part: 'played' })).toEqual({ total: 3, items: playedInOrder })
    // Newest first: the known dates turned round (ties still by title), the unknown one still last.
    expect(
      (await filmography({ part: 'directed', order: 'newest' })).items.map((item) => item.movie.id),
    ).toEqual([ambersons, touch, kane, unknownDate])
    // A stretch at a time, each starting where the last ended.
    expect(await filmography({ part: 'played', position: 1, limit: 1 })).toEqual({
      total: 3,
      items: [playedInOrder[1]],
    })
    expect(await filmography({ part: 'played', position: 3 })).toEqual({ total: 3, items: [] })
    expect(await catalog.failure('people:filmography', { personId: 4242, part: 'played' })).toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})

describe('people:filmography of a prolific person', () => {
  /** Every part of `part`, in the filmography's order as plain SQL writes it, independently of the service. */
  const plainFilmography = (personId: number, part: 'directed' | 'played', order: 'oldest' | 'newest') => {
    const byRelease =
      order === 'oldest'
        ? "ifnull(m.release_date, '9999-12-31'), m.title_sort_key, m.id"
        : 'm.release_date is null, m.release_date desc, m.title_sort_key, m.id'
    return part === 'directed'
      ? catalog
          .sql<{ id: number }>(
            `select m.id from movie m where m.director_id = ? order by ${byRelease}`,
            personId,
          )
          .map((row) => `${row.id}`)
      : catalog
          .sql<{ id: number; movie: number }>(
            `select c.id, m.id as movie from character c join movie m on m.id = c.movie_id
              where c.actor_id = ? order by ${byRelease}, c.id`,
            personId,
          )
          .map((row) => `${row.movie}:${row.id}`)
  }

  it('puts more parts than SQL sorts in the same order as SQL, a stretch at a time, through edits of the films', {
    timeout: 60_000,
  }, async () => {
    const PARTS = SORTED_BY_SQL_UP_TO + 300
    const prolific = await catalog.call('people:create', { firstName: 'Busy', lastName: 'Actor' })
    const short = await catalog.call('people:create', { firstName: 'Rare', lastName: 'Actor' })
    const films = writeRows((db) =>
      db.transaction(() => {
        const movie = db.prepare(
          `insert into movie (title, title_sort_key, release_date, release_date_precision, director_id, created_at, updated_at)
           values (?, lower(?), ?, ?, ?, 1, 1)`,
        )
        const character = db.prepare(
          "insert into character (name, movie_id, actor_id, role, created_at, updated_at) values (?, ?, ?, 'lead', 1, 1)",
        )
        const ids: number[] = []
        for (let n = 0; n < PARTS; n++) {
          // Few titles and few dates, so that many films tie on both; some dates a year alone, some unknown.
          const yearOnly = n % 5 === 1
          const date =
            n % 11 === 0 ? null : `${1950 + ((n * 7) % 40)}-${yearOnly ? '01-01' : `0${1 + (n % 3)}-15`}`
          const id = Number(
            movie.run(
              `Film ${(n * 13) % 50}`,
              `Film ${(n * 13) % 50}`,
              date,
              yearOnly ? 'year' : 'day',
              prolific.id,
            ).lastInsertRowid,
          )
          ids.push(id)
          character.run(`Part ${n}`, id, prolific.id)
          // Two characters in some films; the short filmography in a few.
          if (n % 9 === 0) character.run(`Second part ${n}`, id, prolific.id)
          if (n % 100 === 0) character.run(`Cameo ${n}`, id, short.id)
        }
        return ids
      })(),
    )
    const expectPlain = async (label: string) => {
      for (const [person, part] of [
        [prolific.id, 'directed'],
        [prolific.id, 'played'],
        [short.id, 'played'],
      ] as const) {
        for (const order of ['oldest', 'newest'] as const) {
          const all = plainFilmography(person, part, order)
          // A stretch may start between two characters of one film.
          const splitFilm = all.findIndex(
            (entry, n) => n > 0 && entry.split(':')[0] === all[n - 1]!.split(':')[0],
          )
          for (const position of [0, 517, Math.max(0, all.length - 40), all.length, Math.max(0, splitFilm)]) {
            const at = `${label}: ${person} ${part} ${order} at ${position}`
            const stretch = await catalog.call('people:filmography', {
              personId: person,
              part,
              order,
              position,
              limit: 100,
            })
            expect(stretch.total, at).toBe(all.length)
            expect(
              stretch.items.map((item) =>
                item.character ? `${item.movie.id}:${item.character.id}` : `${item.movie.id}`,
              ),
              at,
            ).toEqual(all.slice(position, position + 100))
          }
        }
      }
    }
    await expectPlain('at first')
    // Edits the kept release dates and title order follow: a new date, a date cleared, a film retitled to tie with
    // others, a film deleted, a new film.
    await catalog.call('movies:update', { id: films[3]!, releaseDate: '1949' })
    await catalog.call('movies:update', { id: films[4]!, releaseDate: null })
    await catalog.call('movies:update', { id: films[5]!, title: 'Film 7', releaseDate: '1957-01-01' })
    await catalog.call('movies:delete', { id: films[6]! })
    const added = await catalog.call('movies:create', {
      title: 'Aaa film',
      releaseDate: '1960-02-15',
      directorId: prolific.id,
    })
    await catalog.call('characters:add', { movieId: added.id, name: 'Late part', actorId: prolific.id })
    await expectPlain('after edits')
  })
})

describe('people:update', () => {
  it('changes only the fields present, clears fields set to null, and moves updated_at', async () => {
    const photoId = insertFile('def')
    const created = await catalog.call('people:create', {
      firstName: 'Agnes',
      lastName: 'Varda',
      biography: 'Draft biography.',
      dateOfBirth: '1928-05-30',
      gender: 'female',
      countryId: countryId('Belgium'),
      primaryPhotoFileId: photoId,
    })
    const before = personRow(created.id)
    await pause(15)

    const updated = await catalog.call('people:update', {
      id: created.id,
      firstName: 'Agnès',
      biography: null,
      countryId: countryId('France'),
    })
    expect(updated).toMatchObject({
      firstName: 'Agnès',
      lastName: 'Varda',
      fullName: 'Agnès Varda',
      biography: null,
      dateOfBirth: '1928-05-30',
      gender: 'female',
      country: { name: 'France' },
      photo: { id: photoId },
      createdAt: created.createdAt,
    })
    expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt))
    const after = personRow(created.id)
    expect(after?.created_at).toEqual(before?.created_at)
    expect(after?.updated_at).not.toEqual(before?.updated_at)

    const cleared = await catalog.call('people:update', {
      id: created.id,
      countryId: null,
      primaryPhotoFileId: null,
    })
    expect(cleared).toMatchObject({ country: null, photo: null, firstName: 'Agnès', biography: null })
    expect(personRow(created.id)).toMatchObject({ country_id: null, primary_photo_id: null })
  })

  it('refuses a save made from an older copy, and keeps the newer change', async () => {
    const opened = await catalog.call('people:create', { firstName: 'Chantal', lastName: 'Akerman' })
    const first = await catalog.call('people:update', {
      id: opened.id,
      biography: 'Belgian director.',
      expectedUpdatedAt: opened.updatedAt,
    })
    const stale = await catalog.failure('people:update', {
      id: opened.id,
      biography: 'Lost edit',
      expectedUpdatedAt: opened.updatedAt,
    })
    expect(stale.code).toBe('CONFLICT')
    expect((await catalog.call('people:get', { id: opened.id })).biography).toBe('Belgian director.')
    const second = await catalog.call('people:update', {
      id: opened.id,
      biography: 'Jeanne Dielman.',
      expectedUpdatedAt: first.updatedAt,
    })
    expect(second.biography).toBe('Jeanne Dielman.')
  })

  it('refuses to leave a person without a name, and changes nothing', async () => {
    const created = await catalog.call('people:create', { firstName: 'Agnès', lastName: 'Varda' })
    await catalog.call('people:update', { id: created.id, firstName: null })

    const error = await catalog.failure('people:update', { id: created.id, lastName: '  ' })
    expect(error).toEqual({
      code: 'VALIDATION',
      message: 'A person needs a first or a last name.',
      issues: [{ path: ['lastName'], message: 'A person needs a first or a last name.' }],
    })
    expect(personRow(created.id)).toMatchObject({ first_name: null, last_name: 'Varda' })
  })

  it('answers NOT_FOUND for a missing person, country or photo and changes nothing', async () => {
    const created = await catalog.call('people:create', { lastName: 'Varda', countryId: countryId('France') })
    expect(await catalog.failure('people:update', { id: 999, lastName: 'X' })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No person with id 999.',
    })
    expect(
      await catalog.failure('people:update', { id: created.id, lastName: 'X', countryId: 5000 }),
    ).toEqual({
      code: 'NOT_FOUND',
      message: 'No country with id 5000.',
      issues: [{ path: ['countryId'], message: 'No country with id 5000.' }],
    })
    expect(await catalog.failure('people:update', { id: created.id, primaryPhotoFileId: 31 })).toMatchObject({
      code: 'NOT_FOUND',
      issues: [{ path: ['primaryPhotoFileId'] }],
    })
    expect(personRow(created.id)).toMatchObject({ last_name: 'Varda', country_id: countryId('France') })
  })

  it('refuses bad input with field issues', async () => {
    const created = await catalog.call('people:create', { lastName: 'Varda' })
    const error = await catalog.failure('people:update', { id: created.id, gender: 'x', dateOfBirth: 'soon' })
    expect(error.code).toBe('VALIDATION')
    expect(error.issues?.map((issue) => issue.path).sort()).toEqual([['dateOfBirth'], ['gender']])
    expect(personRow(created.id)).toMatchObject({ gender: null, date_of_birth: null })
  })
})

describe('people:usage and people:delete', () => {
  it('reports what deleting clears, then clears exactly that and keeps the movies and characters', async () => {
    const person = await catalog.call('people:create', { firstName: 'Orson', lastName: 'Welles' })
    const other = await catalog.call('people:create', { firstName: 'Joseph', lastName: 'Cotten' })
    const kane = insertMovie({ title: 'Citizen Kane', directorId: person.id })
    const touch = insertMovie({ title: 'Touch of Evil', directorId: person.id })
    const thirdMan = insertMovie({ title: 'The Third Man' })
    const lime = insertCharacter({ name: 'Harry Lime', movieId: thirdMan, actorId: person.id })
    const kaneCharacter = insertCharacter({ name: 'Kane', movieId: kane, actorId: person.id })
    const leland = insertCharacter({ name: 'Jedediah Leland', movieId: kane, actorId: other.id })

    const usage = await catalog.call('people:usage', { id: person.id })
    expect(usage).toEqual({ directedMovies: 2, characters: 2 })
    expect(await catalog.call('people:usage', { id: other.id })).toEqual({ directedMovies: 0, characters: 1 })

    expect(await catalog.call('people:delete', { id: person.id })).toEqual(usage)

    expect(catalog.sql('select id from person where id = ?', person.id)).toEqual([])
    expect(
      catalog.sql(
        'select id, director_id from movie where id in (?, ?, ?) order by id',
        kane,
        touch,
        thirdMan,
      ),
    ).toEqual([
      { id: kane, director_id: null },
      { id: touch, director_id: null },
      { id: thirdMan, director_id: null },
    ])
    expect(
      catalog.sql(
        'select id, actor_id from character where id in (?, ?, ?) order by id',
        lime,
        kaneCharacter,
        leland,
      ),
    ).toEqual([
      { id: lime, actor_id: null },
      { id: kaneCharacter, actor_id: null },
      { id: leland, actor_id: other.id },
    ])
    expect((await catalog.call('people:list', {})).items.map((p) => p.id)).toEqual([other.id])
  })

  it('answers NOT_FOUND for a person that does not exist', async () => {
    expect(await catalog.failure('people:usage', { id: 12 })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await catalog.failure('people:delete', { id: 12 })).toEqual({
      code: 'NOT_FOUND',
      message: 'No person with id 12.',
    })
    expect(await catalog.failure('people:delete', { id: -1 })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['id'] }],
    })
  })
})

/** The list's order: family name, then given name, unknown first, ignoring case and accents. */
const compareNames = (a: string | null, b: string | null) => {
  const [x, y] = [sortKeyOf(a), sortKeyOf(b)]
  if (x === y) return 0
  if (x === null) return -1
  if (y === null) return 1
  return x < y ? -1 : 1
}
const byName = (a: PersonListItem, b: PersonListItem) =>
  compareNames(a.lastName, b.lastName) || compareNames(a.firstName, b.firstName) || a.id - b.id

async function readAllPages(text: string | undefined, limit: number) {
  const items: PersonListItem[] = []
  const totals = new Set<number>()
  let cursor: string | null = null
  let pages = 0
  do {
    const page: Page<PersonListItem> = await catalog.call('people:list', { text, limit, cursor })
    items.push(...page.items)
    totals.add(page.total)
    cursor = page.nextCursor
    pages++
  } while (cursor && pages < 100)
  return { items, totals: [...totals], pages }
}

describe('people:list', () => {
  const FIRST = ['Anna', 'anna', 'Émile', 'Zoë', 'bob', 'Bob', null, 'Carl']
  const LAST = ['Smith', 'smith', 'Åström', 'Ng', 'de Palma', 'De Niro', null, 'Zhang', 'adams', 'Adams']

  async function createMany(n: number) {
    for (let i = 0; i < n; i++) {
      const firstName = FIRST[i % FIRST.length] ?? null
      // Never both names unknown: the list still needs something to show.
      const lastName = firstName === null ? 'Nameless' : (LAST[(i * 7) % LAST.length] ?? null)
      await catalog.call('people:create', { firstName, lastName, dateOfBirth: i % 3 ? null : '1970-01-01' })
    }
  }

  it('pages through 250 people in name order, without gaps or duplicates', async () => {
    await createMany(250)
    const { items, totals, pages } = await readAllPages(undefined, 100)

    expect(pages).toBe(3)
    expect(totals).toEqual([250])
    expect(items).toHaveLength(250)
    expect(new Set(items.map((p) => p.id)).size).toBe(250)
    expect(items.map((p) => p.id)).toEqual([...items].sort(byName).map((p) => p.id))
    // Every person that exists is in the list, nulls and case variants included.
    const ids = catalog.sql<{ id: number }>('select id from person order by id').map((row) => row.id)
    expect(items.map((p) => p.id).sort((a, b) => a - b)).toEqual(ids)
    expect(items.some((p) => p.lastName === null)).toBe(true)
    expect(items[0]?.lastName).toBeNull()
  })

  it('filters by text the same way whether few or most people match (read and sorted, or the name index walked)', async () => {
    const writer = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    try {
      const insert = writer.prepare(
        `insert into person (first_name, last_name, first_name_sort_key, last_name_sort_key, created_at, updated_at)
           values (?, ?, ?, ?, 1, 1)`,
      )
      writer.transaction(() => {
        for (let i = 0; i < 3000; i++) {
          const first = ['Jo', 'Émile', null][i % 3] ?? null
          const last = i % 500 === 0 ? 'Rare' : `Smith ${i % 40}`
          insert.run(first, last, sortKeyOf(first), sortKeyOf(last))
        }
      })()
    } finally {
      writer.close()
    }
    // "smi" is nearly everyone (the index is walked); "rare", six of them (read and sorted).
    for (const text of ['smi', 'rare', 'jo smith 1', 'emi']) {
      const words = text
        .split(' ')
        .map((word) => `"${word}"*`)
        .join(' ')
      const expected = catalog
        .sql<{ id: number }>(
          `select id from person where id in (select rowid from person_search where person_search match ?)
            order by last_name_sort_key, first_name_sort_key, id`,
          words,
        )
        .map((row) => row.id)
      expect(expected.length, text).toBeGreaterThan(0)
      const { items, totals } = await readAllPages(text, 97)
      expect(
        items.map((person) => person.id),
        text,
      ).toEqual(expected)
      expect(totals, text).toEqual([expected.length])
    }
  })

  it('sorts family names without regard to case or accents', async () => {
    for (const [firstName, lastName] of [
      ['Ingrid', 'Thulin'],
      ['Bibi', 'Andersson'],
      ['Ulla', 'Åström'],
      ['Anna', 'öberg'],
      ['Max', 'von Sydow'],
    ]) {
      await catalog.call('people:create', { firstName, lastName })
    }
    const { items } = await catalog.call('people:list', {})
    expect(items.map((p) => p.lastName)).toEqual(['Andersson', 'Åström', 'öberg', 'Thulin', 'von Sydow'])
  })

  it('gives the same order with any page size, and a null cursor on the last page', async () => {
    await createMany(60)
    const whole = await catalog.call('people:list', { limit: 500 })
    expect(whole.nextCursor).toBeNull()
    expect(whole.items).toHaveLength(60)
    for (const limit of [1, 7, 59, 60]) {
      const { items, totals } = await readAllPages(undefined, limit)
      expect(items, `limit ${limit}`).toEqual(whole.items)
      expect(totals).toEqual([60])
    }
    const exact = await catalog.call('people:list', { limit: 60 })
    expect(exact.nextCursor).toBeNull()
  })

  it('shows list fields, including the photo url and full name', async () => {
    const photoId = insertFile('fff')
    const person = await catalog.call('people:create', {
      firstName: 'Agnès',
      lastName: 'Varda',
      dateOfBirth: '1928-05-30',
      primaryPhotoFileId: photoId,
    })
    const page = await catalog.call('people:list', {})
    expect(page).toEqual({
      items: [
        {
          id: person.id,
          firstName: 'Agnès',
          lastName: 'Varda',
          fullName: 'Agnès Varda',
          dateOfBirth: '1928-05-30',
          photoUrl: person.photo?.thumbUrl,
          moviesDirected: 0,
          charactersPlayed: 0,
        },
      ],
      total: 1,
      nextCursor: null,
    })
    expect(person.photo?.url).toMatch(/^media:\/\/files\//)
  })

  it('finds people by the start of their names, ignoring accents and case', async () => {
    const varda = await catalog.call('people:create', { firstName: 'Agnès', lastName: 'Varda' })
    const agnes = await catalog.call('people:create', { firstName: 'Agnes', lastName: 'Jaoui' })
    const demy = await catalog.call('people:create', { firstName: 'Jacques', lastName: 'Demy' })
    await catalog.call('people:create', { firstName: 'Ava', lastName: 'Gardner' })

    const search = async (text: string) => {
      const page = await catalog.call('people:list', { text })
      expect(page.total, text).toBe(page.items.length)
      return page.items.map((p) => p.id)
    }
    expect(await search('agnes')).toEqual([agnes.id, varda.id])
    expect(await search('AGNÈS var')).toEqual([varda.id])
    expect(await search('varda agn')).toEqual([varda.id])
    expect(await search('va')).toEqual([varda.id])
    expect(await search('arda')).toEqual([])
    expect(await search('j')).toEqual([demy.id, agnes.id])
    expect(await search('   ')).toHaveLength(4)
  })

  it('takes any text without FTS syntax errors', async () => {
    const varda = await catalog.call('people:create', { firstName: 'Agnès', lastName: 'Varda' })
    const obrien = await catalog.call('people:create', { firstName: 'Pat', lastName: "O'Brien" })
    const cases: [string, number[]][] = [
      ['"varda', [varda.id]],
      ['varda*', [varda.id]],
      ['varda:', [varda.id]],
      ['(agn) -', [varda.id]],
      ['NEAR(varda', []],
      ['varda OR', []],
      ['agn^ + "" {x}', []],
    ]
    for (const [text, expected] of cases) {
      const page = await catalog.call('people:list', { text })
      expect(
        page.items.map((p) => p.id),
        text,
      ).toEqual(expected)
    }
    expect((await catalog.call('people:list', { text: "o'bri" })).items.map((p) => p.id)).toEqual([obrien.id])
    // Nothing searchable in the text: nobody matches, as in search:all; no text at all lists everyone.
    expect((await catalog.call('people:list', { text: '*** ""' })).total).toBe(0)
    expect((await catalog.call('people:list', { text: '' })).total).toBe(2)
  })

  it('pages through search results with the right total', async () => {
    await createMany(120)
    const expected = (await readAllPages(undefined, 500)).items.filter(
      (p) => p.lastName?.toLowerCase() === 'smith',
    )
    expect(expected.length).toBeGreaterThan(10)

    const { items, totals } = await readAllPages('smi', 5)
    expect(items).toEqual(expected)
    expect(totals).toEqual([expected.length])
  })

  it('follows renames and deletes in search', async () => {
    const person = await catalog.call('people:create', { firstName: 'Agnes', lastName: 'Varda' })
    await catalog.call('people:update', { id: person.id, lastName: 'Vardá-Demy' })
    expect((await catalog.call('people:list', { text: 'varda' })).total).toBe(1)
    expect((await catalog.call('people:list', { text: 'demy' })).total).toBe(1)
    await catalog.call('people:update', { id: person.id, lastName: 'Jaoui' })
    expect((await catalog.call('people:list', { text: 'varda' })).total).toBe(0)
    await catalog.call('people:delete', { id: person.id })
    expect((await catalog.call('people:list', { text: 'agnes' })).total).toBe(0)
    // A search's count is kept between windows, and follows a write beside the app too.
    const beside = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    beside
      .prepare(
        `insert into person (first_name, last_name, first_name_sort_key, last_name_sort_key, created_at, updated_at)
         values ('Agnes', 'Jaoui', 'agnes', 'jaoui', 1, 1)`,
      )
      .run()
    beside.close()
    const found = await catalog.call('people:list', { text: 'agnes' })
    expect(found.total).toBe(1)
    expect(found.items.map((p) => p.fullName)).toEqual(['Agnes Jaoui'])
  })

  it('refuses a cursor it did not hand out', async () => {
    await createMany(3)
    for (const cursor of [
      'not-a-cursor',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["a",null,-4]').toString('base64url'),
    ]) {
      const error = await catalog.failure('people:list', { cursor })
      expect(error, cursor).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['cursor'] }] })
    }
    expect(await catalog.failure('people:list', { limit: 0 })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['limit'] }],
    })
  })
})

describe('people:list by date of birth, by position, with counts', () => {
  /** 60 people: every third one's date of birth unknown, some born the same day, names in no order. */
  async function createBorn(n: number) {
    for (let i = 0; i < n; i++) {
      const known = i % 3 !== 0
      const day = String(1 + (i % 7)).padStart(2, '0')
      await catalog.call('people:create', {
        firstName: `Given${(i * 17) % n}`,
        lastName: i % 11 === 0 ? null : `Family${(i * 29) % n}`,
        dateOfBirth: known ? `19${40 + (i % 5)}-03-${day}` : null,
      })
    }
  }

  /** The order the list promises, worked out here the long way. */
  function expectedByBirth(direction: 'asc' | 'desc') {
    const rows = catalog.sql<{ id: number; date_of_birth: string | null }>(
      'select id, date_of_birth from person',
    )
    const known = rows.filter((row) => row.date_of_birth !== null)
    const unknown = rows.filter((row) => row.date_of_birth === null)
    const sign = direction === 'asc' ? 1 : -1
    known.sort((a, b) => sign * (a.date_of_birth!.localeCompare(b.date_of_birth!) || a.id - b.id))
    unknown.sort((a, b) => sign * (a.id - b.id))
    return [...known, ...unknown].map((row) => row.id)
  }

  async function readAll(query: Record<string, unknown>, limit: number) {
    const ids: number[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: Page<PersonListItem> = await catalog.call('people:list', {
        ...query,
        limit,
        cursor,
      } as never)
      ids.push(...page.items.map((p) => p.id))
      cursor = page.nextCursor
      pages++
    } while (cursor && pages < 200)
    return ids
  }

  it('sorts by date of birth both ways, unknown dates last either way, and pages without gaps', async () => {
    await createBorn(60)
    for (const direction of ['asc', 'desc'] as const) {
      const expected = expectedByBirth(direction)
      const whole = await catalog.call('people:list', { sort: 'dateOfBirth', direction, limit: 500 })
      expect(
        whole.items.map((p) => p.id),
        direction,
      ).toEqual(expected)
      expect(whole.items.at(-1)?.dateOfBirth).toBeNull()
      expect(whole.items[0]?.dateOfBirth).not.toBeNull()
      for (const limit of [1, 4, 7, 59]) {
        expect(await readAll({ sort: 'dateOfBirth', direction }, limit), `${direction} ${limit}`).toEqual(
          expected,
        )
      }
    }
  })

  it('answers any window by position, the same rows as paging there, in every order and search', async () => {
    await createBorn(60)
    for (const query of [
      { sort: 'name' },
      { sort: 'dateOfBirth', direction: 'asc' },
      { sort: 'dateOfBirth', direction: 'desc' },
      { sort: 'name', text: 'given1' },
      { sort: 'dateOfBirth', direction: 'desc', text: 'fam' },
    ] as const) {
      const whole = await readAll(query, 500)
      for (const [position, limit] of [
        [0, 10],
        [7, 5],
        [whole.length - 3, 10],
        [whole.length, 10],
        [whole.length + 50, 10],
      ] as const) {
        const window = await catalog.call('people:list', { ...query, position, limit })
        const label = `${JSON.stringify(query)} @${position}`
        expect(
          window.items.map((p) => p.id),
          label,
        ).toEqual(whole.slice(position, position + limit))
        expect(window.total, label).toBe(whole.length)
        // A window ends with a cursor to the rows after it, while there are any.
        expect(window.nextCursor !== null, label).toBe(position + limit < whole.length)
        if (window.nextCursor) {
          const next = await catalog.call('people:list', { ...query, cursor: window.nextCursor, limit })
          expect(
            next.items.map((p) => p.id),
            label,
          ).toEqual(whole.slice(position + limit, position + 2 * limit))
        }
      }
    }
  })

  it('refuses a position with a cursor, a cursor of another order, and names from Z to A', async () => {
    await createBorn(5)
    const byName = await catalog.call('people:list', { limit: 2 })
    expect(await catalog.failure('people:list', { position: 2, cursor: byName.nextCursor })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['position'] }],
    })
    expect(
      await catalog.failure('people:list', { sort: 'dateOfBirth', cursor: byName.nextCursor }),
    ).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['cursor'] }] })
    expect(await catalog.failure('people:list', { sort: 'name', direction: 'desc' })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['direction'], message: 'People are listed by name from A to Z only.' }],
    })
    expect(await catalog.failure('people:list', { sort: 'age' })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['sort'] }],
    })
  })

  it('reads a window from an index alone, never a table, sorting only a search’s few matches', async () => {
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'), { readonly: true })
    // A walk tests each entry against the kept bitmap of the matches (see kept-bitmaps.ts); for a plan, a function
    // of that name is enough.
    db.function(MARKED_FUNCTION, (_set: unknown, _id: unknown) => 1)
    const planOf = (query: Record<string, unknown>, matches?: number) => {
      const { page } = personListStatements(PersonListQuery.parse(query), matches)
      return (db.prepare(`explain query plan ${page.sql}`).all(...page.params) as { detail: string }[]).map(
        (step) => step.detail,
      )
    }
    try {
      for (const [sort, direction, cursor] of [
        ['name', 'asc', encodePersonCursor({ lastNameKey: 'm', firstNameKey: 'a', id: 5 })],
        ['dateOfBirth', 'asc', encodeBirthDateCursor({ birthDateKey: '1950-01-01', id: 5 })],
        ['dateOfBirth', 'desc', encodeBirthDateCursor({ birthDateKey: '1950-01-01', id: 5 })],
      ] as const) {
        const index =
          sort === 'name' ? 'person_name_sort_index' : `person_sort_date_of_birth_${direction}_index`
        for (const window of [{ cursor }, { position: 150_000 }]) {
          const label = `${sort} ${direction} ${JSON.stringify(window)}`
          const seek = 'cursor' in window ? 'SEARCH' : 'SCAN'
          const whole = planOf({ sort, direction, ...window })
          expect(whole, label).toHaveLength(1)
          expect(whole[0], label).toMatch(new RegExp(`^${seek} p USING COVERING INDEX ${index}\\b`))

          // Many matches: along the sort index, each entry checked against the matches; nothing sorted.
          const many = planOf({ sort, direction, text: 'a', ...window }, MANY_MATCHES + 1)
          expect(
            many.find((step) => / p\b/.test(step)),
            label,
          ).toMatch(new RegExp(`^${seek} p USING COVERING INDEX ${index}\\b`))
          expect(many.join('\n'), label).not.toMatch(/TEMP B-TREE/)
          // A few: straight from the search index, then sorted.
          const few = planOf({ sort, direction, text: 'agnes var', ...window }, 3)
          expect(
            few.find((step) => / p\b/.test(step)),
            label,
          ).toMatch(/^SEARCH p USING INTEGER PRIMARY KEY/)
        }
      }
    } finally {
      db.close()
    }
  })

  it('gives a search with many matches the same order and windows as one with few', async () => {
    for (let i = 0; i < MANY_MATCHES + 40; i++) {
      await catalog.call('people:create', {
        firstName: i % 2 ? 'Anna' : 'Anne',
        lastName: `Family ${(i * 37) % 101}`,
        dateOfBirth: i % 5 ? `19${50 + (i % 40)}-01-01` : null,
      })
    }
    await catalog.call('people:create', { firstName: 'Bob', lastName: 'Family 1' })
    const idsNamed = (pattern: string) =>
      new Set(
        catalog
          .sql<{ id: number }>('select id from person where first_name like ?', pattern)
          .map((row) => row.id),
      )
    const annas = idsNamed('Anna')
    const anns = idsNamed('Ann%')
    expect(annas.size).toBeLessThan(MANY_MATCHES)
    expect(anns.size).toBeGreaterThan(MANY_MATCHES)
    for (const sort of [{ sort: 'name' }, { sort: 'dateOfBirth', direction: 'desc' }] as const) {
      const whole = await readAll({ ...sort }, 500)
      expect(await readAll({ ...sort, text: 'anna' }, 97)).toEqual(whole.filter((id) => annas.has(id)))
      const expected = whole.filter((id) => anns.has(id))
      expect(await readAll({ ...sort, text: 'ann' }, 97)).toEqual(expected)
      const window = await catalog.call('people:list', { ...sort, text: 'ann', position: 700, limit: 50 })
      expect(window.items.map((p) => p.id)).toEqual(expected.slice(700, 750))
      expect(window.total).toBe(expected.length)
    }

    // What the walk tests against is kept; a person added, renamed or deleted is seen at once.
    const first = async () => (await catalog.call('people:list', { text: 'ann', limit: 1 })).items[0]?.id
    const aaberg = await catalog.call('people:create', { firstName: 'Annika', lastName: 'Aaberg' })
    expect(await first()).toBe(aaberg.id)
    await catalog.call('people:update', { id: aaberg.id, firstName: 'Bob', lastName: 'Aaberg' })
    expect(await first()).not.toBe(aaberg.id)
    expect((await catalog.call('people:list', { text: 'ann', limit: 1 })).total).toBe(anns.size)
  })

  it('counts the movies each person directed and the characters they play, without a query per person', async () => {
    const welles = await catalog.call('people:create', { firstName: 'Orson', lastName: 'Welles' })
    const cotten = await catalog.call('people:create', { firstName: 'Joseph', lastName: 'Cotten' })
    const nobody = await catalog.call('people:create', { firstName: 'Extra', lastName: 'Person' })
    const kane = insertMovie({ title: 'Citizen Kane', directorId: welles.id })
    insertMovie({ title: 'Touch of Evil', directorId: welles.id })
    const thirdMan = insertMovie({ title: 'The Third Man' })
    insertCharacter({ name: 'Kane', movieId: kane, actorId: welles.id })
    insertCharacter({ name: 'Harry Lime', movieId: thirdMan, actorId: welles.id })
    insertCharacter({ name: 'Leland', movieId: kane, actorId: cotten.id })
    insertCharacter({ name: 'Holly Martins', movieId: thirdMan, actorId: cotten.id })
    insertCharacter({ name: 'A second part', movieId: thirdMan, actorId: cotten.id })

    const counts = (await catalog.call('people:list', {})).items.map((p) => [
      p.id,
      p.moviesDirected,
      p.charactersPlayed,
    ])
    expect(counts).toEqual([
      [cotten.id, 0, 3],
      [nobody.id, 0, 0],
      [welles.id, 2, 2],
    ])
    // The same as counted straight from the tables.
    for (const [id, directed, played] of counts) {
      expect(catalog.sql('select count(*) as n from movie where director_id = ?', id)).toEqual([
        { n: directed },
      ])
      expect(catalog.sql('select count(*) as n from character where actor_id = ?', id)).toEqual([
        { n: played },
      ])
    }

    // A page of 3 and a page of 100 take the same few statements: none is made per person.
    for (let i = 0; i < 100; i++) await catalog.call('people:create', { lastName: `Extra ${i}` })
    const execute = vi.spyOn(SqlEntityManager.prototype, 'execute')
    try {
      await catalog.call('people:list', { limit: 3 })
      const forThree = execute.mock.calls.length
      execute.mockClear()
      await catalog.call('people:list', { limit: 100 })
      expect(execute.mock.calls.length).toBe(forThree)
      expect(forThree).toBeLessThanOrEqual(3)
    } finally {
      execute.mockRestore()
    }
  })
})

describe('people:list from a kept order of everyone', () => {
  const PEOPLE = 12_000
  const SYLLABLES = ['ka', 'lo', 'mir', 'ba', 'ne', 'tu', 'ros', 'vel']
  const nameOf = (i: number) =>
    `${SYLLABLES[i % 8]}${SYLLABLES[(i >> 3) % 8]}${SYLLABLES[(i >> 6) % 8]}`.replace(/^./, (c) =>
      c.toUpperCase(),
    )

  /**
   * 12,000 people written beside the app (calls would take minutes), one in eleven found by "smi": 1,091, more than
   * MANY_MATCHES and fewer than a tenth of everyone, so a search's window comes from the kept order. Ties in every
   * key, unknown names and unknown dates.
   */
  function writePeople() {
    writeRows((db) => {
      const insert = db.prepare(
        `insert into person (first_name, last_name, last_name_sort_key, first_name_sort_key, date_of_birth,
           created_at, updated_at) values (?, ?, ?, ?, ?, 1, 1)`,
      )
      db.transaction(() => {
        for (let i = 0; i < PEOPLE; i++) {
          const found = i % 11 === 0
          const variant = (i >> 1) % 4
          const lastName = found
            ? [null, 'Smith', 'Smíthers', 'de Smit'][variant]!
            : i % 13 === 0
              ? null
              : nameOf(i % 700)
          const firstName =
            found && (variant === 0 || i % 3 === 0) ? 'Smilla' : i % 17 === 0 ? null : nameOf(i % 300)
          const dateOfBirth =
            i % 4 === 0 ? null : `19${String((i * 7) % 100).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 3}`
          insert.run(firstName, lastName, sortKeyOf(lastName), sortKeyOf(firstName), dateOfBirth)
        }
      })()
    })
  }

  const SORTS = [
    { sort: 'name', orderBy: 'p.last_name_sort_key, p.first_name_sort_key, p.id' },
    { sort: 'dateOfBirth', direction: 'asc', orderBy: "ifnull(p.date_of_birth, '9999-12-31'), p.id" },
    { sort: 'dateOfBirth', direction: 'desc', orderBy: "ifnull(p.date_of_birth, '') desc, p.id desc" },
  ] as const

  /** The whole list in an order, or a search's matches in it, as plain SQL sorts them. */
  const expectedIds = (orderBy: string, text?: string) =>
    catalog
      .sql<{ id: number }>(
        `select p.id from person p ${text ? 'where p.id in (select rowid from person_search where person_search match ?)' : ''}
          order by ${orderBy}`,
        ...(text ? [`${text}*`] : []),
      )
      .map((row) => row.id)

  const windowIds = async (query: Record<string, unknown>) => {
    const page = await catalog.call('people:list', query as never)
    return { ids: page.items.map((p) => p.id), total: page.total, nextCursor: page.nextCursor }
  }

  async function readAll(query: Record<string, unknown>, limit: number) {
    const ids: number[] = []
    let cursor: string | null = null
    do {
      const page = await windowIds({ ...query, limit, cursor })
      ids.push(...page.ids)
      cursor = page.nextCursor
    } while (cursor && ids.length <= PEOPLE)
    return ids
  }

  /** The statements a call runs that sort people or step over them: none, when the window is a slice of the order. */
  async function sortingStatementsOf(call: () => Promise<unknown>) {
    const statements: string[] = []
    const record = (method: 'all' | 'get') =>
      function (this: PreparedSql, sql: string, params?: readonly unknown[]) {
        statements.push(sql)
        return (original[method] as (sql: string, params?: readonly unknown[]) => unknown).call(
          this,
          sql,
          params,
        )
      }
    const original = { all: PreparedSql.prototype.all, get: PreparedSql.prototype.get }
    const spies = [vi.spyOn(PreparedSql.prototype, 'all'), vi.spyOn(PreparedSql.prototype, 'get')]
    spies[0]!.mockImplementation(record('all') as never)
    spies[1]!.mockImplementation(record('get') as never)
    try {
      await call()
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    return statements.filter((sql) => /order by|offset/i.test(sql))
  }

  /** Every window a search for "smi" and jumps into the whole list give, against plain SQL, in every order. */
  async function expectSameAsSql(label: string) {
    for (const { orderBy, ...sort } of SORTS) {
      const matches = expectedIds(orderBy, 'smi')
      const everyone = expectedIds(orderBy)
      const at = `${label}, ${JSON.stringify(sort)}`
      expect(await readAll({ ...sort, text: 'smi' }, 97), at).toEqual(matches)
      for (const position of [0, 400, matches.length - 30]) {
        expect(await windowIds({ ...sort, text: 'smi', position, limit: 50 }), `${at} @${position}`).toEqual({
          ids: matches.slice(position, position + 50),
          total: matches.length,
          nextCursor: position + 50 < matches.length ? expect.any(String) : null,
        })
      }
      for (const position of [1, 2_345, 6_000, everyone.length - 1, everyone.length]) {
        const window = await windowIds({ ...sort, position, limit: 40 })
        expect(window.ids, `${at}, jump to ${position}`).toEqual(everyone.slice(position, position + 40))
        expect(window.total, at).toBe(everyone.length)
      }
    }
  }

  it('answers a search with hundreds of matches, and jumps deep into the list, from the kept order, as SQL sorts them, through adds, renames and deletes', async () => {
    writePeople()
    const matches = expectedIds(SORTS[0].orderBy, 'smi').length
    expect(matches).toBeGreaterThan(MANY_MATCHES)
    expect(matches).toBeLessThanOrEqual(PEOPLE * 0.1)

    for (const { orderBy, ...sort } of SORTS) {
      // Jumps walk the index from the nearer end (past the middle, backwards) until together they have walked
      // the list three times over; then its order is read.
      const everyone = expectedIds(orderBy)
      for (const position of [11_960, 6_000, 5_000, 7_000, 6_500, 5_500, 6_200, 5_800]) {
        const window = await windowIds({ ...sort, position, limit: 40 })
        expect(window.ids, `${JSON.stringify(sort)}, a jump to ${position}`).toEqual(
          everyone.slice(position, position + 40),
        )
        expect(window.nextCursor === null, `${position}`).toBe(position + 40 >= everyone.length)
      }
      await windowIds({ ...sort, text: 'smi', limit: 40 })
      const statements = await sortingStatementsOf(async () => {
        await windowIds({ ...sort, position: 5_000, limit: 40 })
        await windowIds({ ...sort, text: 'smi', position: 300, limit: 40 })
        const first = await windowIds({ ...sort, text: 'smi', limit: 40 })
        await windowIds({ ...sort, text: 'smi', limit: 40, cursor: first.nextCursor })
      })
      expect(statements, JSON.stringify(sort)).toEqual([])
      expect(await windowIds({ ...sort, position: 5_000, limit: 40 })).toMatchObject({
        ids: everyone.slice(5_000, 5_040),
      })
    }
    await expectSameAsSql('at first')

    // Each edit leaves the kept orders to follow it: the first of the smiths, someone with no family name, a
    // rename into the matches and one out of them, a new date of birth, and two deletes.
    const aaron = await catalog.call('people:create', {
      firstName: 'Aaron',
      lastName: 'Smith',
      dateOfBirth: '1800-01-01',
    })
    await expectSameAsSql('after adding the first Smith')
    const nameless = await catalog.call('people:create', { firstName: 'Smiley', dateOfBirth: null })
    await expectSameAsSql('after adding someone with a given name alone')
    const renamedIn = expectedIds(SORTS[0].orderBy).at(-1)!
    await catalog.call('people:update', {
      id: renamedIn,
      firstName: 'Smitty',
      lastName: 'Aab',
      dateOfBirth: '2001-05-05',
    })
    await expectSameAsSql('after a rename into the matches')
    const renamedOut = expectedIds(SORTS[0].orderBy, 'smi')[500]!
    await catalog.call('people:update', { id: renamedOut, firstName: 'Zed', lastName: 'Zzyzx' })
    await expectSameAsSql('after a rename out of the matches')
    await catalog.call('people:update', {
      id: aaron.id,
      firstName: 'Aaron',
      lastName: 'Smith',
      dateOfBirth: '2020-02-02',
    })
    await expectSameAsSql('after a new date of birth')
    await catalog.call('people:delete', { id: nameless.id })
    await catalog.call('people:delete', { id: expectedIds(SORTS[0].orderBy)[6_000]! })
    await expectSameAsSql('after two deletes')
  })
})
