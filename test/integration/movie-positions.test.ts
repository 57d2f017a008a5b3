import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextRowStatements } from '../../src-main/catalog/kept-orders.ts'
import { movieFilters } from '../../src-main/catalog/movies/movie-filters.ts'
import { sortOf, walkedWindow } from '../../src-main/catalog/movies/movie-list.service.ts'
import { ANCHOR_SPACING, rowAtStatements } from '../../src-main/catalog/movies/movie-list-anchors.ts'
import { movieOrderSql } from '../../src-main/catalog/movies/movie-orders.ts'
import { MOVIE_SORT_KEYS } from '../../src-main/catalog/movies/movie-sort-keys.ts'
import { PreparedSql } from '../../src-main/db/prepared-sql.ts'
import { MOVIE_SORTS, type MovieListItem, MovieListQuery, type MovieSort } from '../../src-shared/movies.ts'
import { writeMovies } from '../support/seed-movies.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

const ANN = { username: 'ann', email: 'ann@example.com', password: 'long enough' }
/** The order each sort promises, written out plainly: unknown values last either way, then by id. */
const PLAIN_ORDER: Record<MovieSort, string> = {
  title: 'title_sort_key {dir}, id {dir}',
  releaseDate: 'release_date is null, release_date {dir}, id {dir}',
  budget: 'budget is null, budget {dir}, id {dir}',
  duration: 'duration is null, duration {dir}, id {dir}',
  createdAt: 'created_at {dir}, id {dir}',
}

interface Filtered {
  name: string
  query: Record<string, unknown>
  /** The same filter as a plain WHERE on `movie`, written independently of the service's SQL. */
  where: (userId: number) => string
  /**
   * Asked with the facet index kept (facets of a broad choice count with it): several filters it answers are then
   * read from it as one (see withChoiceTogether); before, each by SQL.
   */
  indexKept?: boolean
}

/** The page a plain ORDER BY … LIMIT … OFFSET gives over the same rows. */
const plainPage = (
  filter: Filtered,
  userId: number,
  sort: MovieSort,
  dir: 'asc' | 'desc',
  offset: number,
  limit: number,
) =>
  catalog
    .sql<{ id: number }>(
      `select id from movie where ${filter.where(userId)} order by ${PLAIN_ORDER[sort].replaceAll('{dir}', dir)} limit ? offset ?`,
      limit,
      offset,
    )
    .map((row) => row.id)

const plainCount = (filter: Filtered, userId: number) =>
  catalog.sql<{ n: number }>(`select count(*) as n from movie where ${filter.where(userId)}`)[0]!.n

/** Each field of a list query as a plain WHERE on `movie`, written independently of the service's SQL. */
const plainWhere = {
  text: (text: string) => `id in (select rowid from movie_search where movie_search match '"${text}"*')`,
  genreIds: (genreIds: number[]) =>
    genreIds
      .map(
        (genre) =>
          `exists (select 1 from movie_genre g where g.movie_id = movie.id and g.genre_id = ${genre})`,
      )
      .join(' and '),
  countryId: (countryId: number) => `country_id = ${countryId}`,
  yearFrom: (year: number) => `substr(release_date, 1, 4) >= '${year}'`,
  yearTo: (year: number) => `substr(release_date, 1, 4) <= '${year}'`,
}

/** A few positions worth trying in a list of `total`: the ends, around anchors, past the end, and some at random. */
function positionsIn(total: number, seed: number): number[] {
  let state = seed
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
  const edges = [0, 1, ANCHOR_SPACING - 1, ANCHOR_SPACING, ANCHOR_SPACING + 1, 2 * ANCHOR_SPACING, total - 1]
  const beyond = [total, total + 7, 100_000_000]
  const randoms = Array.from({ length: 4 }, () => Math.floor(random() * total))
  return [...new Set([...edges, ...randoms, ...beyond])].filter((position) => position >= 0)
}

describe('movies:list by position', () => {
  // About a thousand windows of a 4,000-film catalogue: room for a busy machine.
  it('answers the page at any position as ORDER BY … LIMIT … OFFSET would, in every sort, direction and filter', {
    timeout: 120_000,
  }, async () => {
    const ann = await catalog.call('users:register', ANN)
    const [first, , , fourth] = writeMovies(catalog, 4000, ann.id)
    const filters: Filtered[] = [
      { name: 'everything', query: {}, where: () => '1' },
      {
        name: 'text',
        query: { text: 'nig' },
        where: () => `id in (select rowid from movie_search where movie_search match '"nig"*')`,
      },
      {
        name: 'two genres',
        query: { genreIds: [fourth, first] },
        where: () =>
          `exists (select 1 from movie_genre g where g.movie_id = movie.id and g.genre_id = ${first})
           and exists (select 1 from movie_genre g where g.movie_id = movie.id and g.genre_id = ${fourth})`,
      },
      {
        name: 'country and years',
        query: { countryId: 2, yearFrom: 1951, yearTo: 1978 },
        where: () => "country_id = 2 and substr(release_date, 1, 4) between '1951' and '1978'",
      },
      {
        // Sorted by release date, the years bound the walk; films without a date sort past them, at the end
        // of an ascending list, which a years filter with no end still has to leave out.
        name: 'from a year',
        query: { yearFrom: 1962 },
        where: () => "substr(release_date, 1, 4) >= '1962'",
      },
      {
        // A quarter of the films: far in, gathering them beats walking from the top, and every anchor then
        // comes from one gathering (see anchorEveryBlock).
        name: 'favorites',
        query: { favoritesOnly: true },
        where: (userId) => `id in (select movie_id from favorite_movie where user_id = ${userId})`,
      },
      {
        name: 'favorites, searched',
        query: { favoritesOnly: true, text: 'day' },
        where: (userId) =>
          `id in (select movie_id from favorite_movie where user_id = ${userId})
           and id in (select rowid from movie_search where movie_search match '"day"*')`,
      },
      // Last: once the facet index is kept, a list with several of its filters reads them from it.
      ...[
        { name: 'two genres, with the facet index', query: { genreIds: [fourth, first] } },
        { name: 'a country, with the facet index', query: { countryId: 2 } },
        {
          name: 'country and years, with the facet index',
          query: { countryId: 2, yearFrom: 1951, yearTo: 1978 },
        },
        {
          name: 'text, genre and years, with the facet index',
          query: { text: 'night', genreIds: [first], yearFrom: 1951 },
        },
      ].map(({ name, query }) => ({
        name,
        query,
        indexKept: true,
        where: () =>
          Object.entries(query)
            .map(([field, value]) => plainWhere[field as keyof typeof plainWhere](value as never))
            .join(' and '),
      })),
    ]
    const limit = 40
    let checked = 0
    for (const [f, filter] of filters.entries()) {
      if (filter.indexKept) await catalog.call('movies:facets', { yearFrom: 1900 })
      const total = plainCount(filter, ann.id)
      expect(total, filter.name).toBeGreaterThan(ANCHOR_SPACING + limit)
      for (const [s, sort] of MOVIE_SORTS.entries()) {
        for (const direction of ['asc', 'desc'] as const) {
          for (const position of positionsIn(total, 1 + f * 10 + s)) {
            const label = `${filter.name}, ${sort} ${direction}, at ${position}`
            const page = await catalog.call('movies:list', {
              ...filter.query,
              sort,
              direction,
              position,
              limit,
            } as never)
            expect(page.total, label).toBe(total)
            expect(
              page.items.map((item) => item.id),
              label,
            ).toEqual(plainPage(filter, ann.id, sort, direction, position, limit))
            expect(page.nextCursor === null, label).toBe(position + limit >= total)
            checked++
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500)
  })

  it('hands back a cursor that scrolls on by keyset from where the position put it', async () => {
    const ann = await catalog.call('users:register', ANN)
    writeMovies(catalog, 1200, ann.id)
    const everything: Filtered = { name: 'everything', query: {}, where: () => '1' }
    for (const sort of MOVIE_SORTS) {
      for (const direction of ['asc', 'desc'] as const) {
        const label = `${sort} ${direction}`
        const jumped = await catalog.call('movies:list', { sort, direction, position: 700, limit: 30 })
        const next = await catalog.call('movies:list', {
          sort,
          direction,
          cursor: jumped.nextCursor,
          limit: 30,
        })
        expect(
          next.items.map((item) => item.id),
          label,
        ).toEqual(plainPage(everything, ann.id, sort, direction, 730, 30))
      }
    }
  })

  it('sees every change: adding and deleting a movie, a favorite, and a write beside the app move the positions', async () => {
    const ann = await catalog.call('users:register', ANN)
    writeMovies(catalog, 700, ann.id)
    const idAt = async (position: number, query: Record<string, unknown> = {}) =>
      (await catalog.call('movies:list', { ...query, position, limit: 1 } as never)).items[0]?.id
    const plainIdAt = (position: number) =>
      catalog.sql<{ id: number }>(
        'select id from movie order by title_sort_key, id limit 1 offset ?',
        position,
      )[0]?.id
    const position = ANCHOR_SPACING + 44

    const before = await idAt(position)
    expect(before).toBe(plainIdAt(position))
    const beforePrevious = plainIdAt(position - 1)
    // Sorts first, so every later row moves down by one.
    const added = await catalog.call('movies:create', { title: 'Aaa, the very first' })
    expect(await idAt(position)).toBe(beforePrevious)
    expect(await idAt(0)).toBe(added.id)
    expect((await catalog.call('movies:list', { position: 699, limit: 5 })).items).toHaveLength(2)

    await catalog.call('movies:delete', { id: added.id })
    expect(await idAt(position)).toBe(before)
    expect((await catalog.call('movies:list', { position: 699, limit: 5 })).items).toHaveLength(1)

    const favorites = { favoritesOnly: true }
    const lastFavorite = await idAt(174, favorites)
    expect(lastFavorite).toBeDefined()
    expect(await idAt(175, favorites)).toBeUndefined()
    const [notYet] = catalog.sql<{ id: number }>(
      'select id from movie where id not in (select movie_id from favorite_movie) order by title_sort_key desc, id desc limit 1',
    )
    await catalog.call('favorites:add', { movieId: notYet!.id })
    expect(await idAt(175, favorites)).toBe(notYet!.id)

    // A tool writing beside the app (another connection) is seen too: SQLite counts its commits.
    expect(await idAt(position)).toBe(before)
    const writer = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    const beside = Number(
      writer
        .prepare(
          "insert into movie (title, title_sort_key, created_at, updated_at) values ('Aaaa beside', 'aaaa beside', 1, 1)",
        )
        .run().lastInsertRowid,
    )
    writer.close()
    expect(await idAt(0)).toBe(beside)
    expect(await idAt(position)).toBe(beforePrevious)
  })

  it("follows every change in what a text filter finds: the app's writes and a write beside the app", async () => {
    const ann = await catalog.call('users:register', ANN)
    writeMovies(catalog, 1000, ann.id)
    const listed = async (query: Record<string, unknown> = {}) => {
      const page = await catalog.call('movies:list', { text: 'nig', limit: 100, ...query } as never)
      return { total: page.total, ids: page.items.map((item) => item.id) }
    }
    const plain = (position = 0) => {
      const ids = catalog
        .sql<{ id: number }>(
          `select m.id from movie m where m.id in (select rowid from movie_search where movie_search match '"nig"*')
            order by m.title_sort_key, m.id`,
        )
        .map((row) => row.id)
      return { total: ids.length, ids: ids.slice(position, position + 100) }
    }
    const expectPlain = async (label: string) => {
      expect(await listed(), label).toEqual(plain())
      expect(await listed({ position: 300 }), label).toEqual(plain(300))
    }
    await expectPlain('at first')
    expect(plain().total).toBeGreaterThan(ANCHOR_SPACING)

    const added = await catalog.call('movies:create', { title: 'Aaa nightfall' })
    await expectPlain('after a movie is added')
    expect((await listed()).ids[0]).toBe(added.id)
    await catalog.call('movies:update', { id: added.id, title: 'Aaa daybreak' })
    await expectPlain('after its title no longer matches')

    const writer = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    writer
      .prepare(
        "insert into movie (title, title_sort_key, created_at, updated_at) values ('Aab nightjar', 'aab nightjar', 1, 1)",
      )
      .run()
    writer.prepare("update movie set title = 'Zzz', title_sort_key = 'zzz' where id = ?").run(plain().ids[5])
    writer.close()
    await expectPlain('after writes beside the app')
  })

  it('finds the anchors of a list of kept sets in the kept order of every film, as SQL sorts it, through edits', {
    timeout: 60_000,
  }, async () => {
    const ann = await catalog.call('users:register', ANN)
    const genres = writeMovies(catalog, 4000, ann.id)
    await catalog.call('movies:facets', { yearFrom: 1900 })
    // Lists whose every filter is a kept bitmap: a text, favorites, a choice of facets read from the facet index.
    const lists: Filtered[] = [
      { name: 'text', query: { text: 'nig' }, where: () => plainWhere.text('nig') },
      {
        name: 'favorites, searched',
        query: { favoritesOnly: true, text: 'day' },
        where: (userId) =>
          `id in (select movie_id from favorite_movie where user_id = ${userId}) and ${plainWhere.text('day')}`,
      },
      // Not all kept sets: the years alone are a test of SQL, which a list by release date leaves to its bounds.
      {
        name: 'text and years',
        query: { text: 'nig', yearFrom: 1955, yearTo: 1972 },
        where: () =>
          `${plainWhere.text('nig')} and ${plainWhere.yearFrom(1955)} and ${plainWhere.yearTo(1972)}`,
      },
      {
        name: 'text, genre and years',
        query: { text: 'river', genreIds: [genres[2]], yearFrom: 1955 },
        where: () =>
          `${plainWhere.text('river')} and ${plainWhere.genreIds([genres[2]!])} and ${plainWhere.yearFrom(1955)}`,
      },
    ]
    const statements: string[] = []
    const spied = (method: 'all' | 'get') => {
      const original = PreparedSql.prototype[method] as (sql: string, params?: readonly unknown[]) => unknown
      return vi.spyOn(PreparedSql.prototype, method).mockImplementation(function (
        this: PreparedSql,
        sql: string,
        params?: readonly unknown[],
      ) {
        statements.push(sql)
        return original.call(this, sql, params)
      } as never)
    }
    const spies = [spied('all'), spied('get')]
    /** Every list at `positions` (given its length), against plain SQL. */
    const expectPlain = async (label: string, positions: (total: number) => number[]) => {
      for (const list of lists) {
        const total = plainCount(list, ann.id)
        expect(total, list.name).toBeGreaterThan(ANCHOR_SPACING + 44)
        for (const sort of ['title', 'releaseDate'] as const) {
          for (const direction of ['asc', 'desc'] as const) {
            for (const position of positions(total)) {
              const at = `${label}: ${list.name}, ${sort} ${direction}, at ${position}`
              const before = statements.length
              const page = await catalog.call('movies:list', {
                ...list.query,
                sort,
                direction,
                position,
                limit: 40,
              } as never)
              // SQL walks that list, by design: only the others' statements are looked at.
              if (list.name === 'text and years') statements.length = before
              expect(page.total, at).toBe(total)
              expect(
                page.items.map((item) => item.id),
                at,
              ).toEqual(plainPage(list, ann.id, sort, direction, position, 40))
            }
          }
        }
      }
    }
    // Walks along a sort index testing the kept sets: to an anchor (see rowAtStatements), or through a window.
    const indexWalks = () => statements.filter((sql) => /from movie m where .*marked\(/s.test(sql))
    try {
      // First in some orders, so a walk from the top of the list must not step over it.
      const top = await catalog.call('movies:create', {
        title: 'Zzzz night day river',
        releaseDate: '1901',
        genreIds: [genres[2]!],
      })
      await catalog.call('favorites:add', { movieId: top.id })
      await expectPlain('at first', (total) => [total - 41, Math.floor(total / 2), ANCHOR_SPACING + 3])
      // Jumps far into these lists walk as much as reading the orders costs: they were read, and the index is walked
      // no more.
      expect(
        statements.filter((sql) => /group_concat\(id\).*indexed by movie_sort_/s.test(sql)),
      ).toHaveLength(3)
      statements.length = 0
      const nights = catalog.sql<{ id: number; title: string; day: string | null }>(
        `select id, title, release_date as day from movie where ${plainWhere.text('nig')} order by title_sort_key, id`,
      )
      const [river] = catalog.sql<{ id: number }>(
        `select id from movie where ${plainWhere.text('river')} order by title_sort_key limit 1 offset 200`,
      )
      await catalog.call('movies:update', { id: nights[200]!.id, title: 'Aaa nightfall' })
      // From near the top of the list into the stretch a walk to the next new anchor covers, either way.
      const middle = nights[Math.floor(nights.length / 2) + 50]!
      await catalog.call('movies:update', {
        id: nights[5]!.id,
        title: `${middle.title} b`,
        releaseDate: middle.day,
      })
      await catalog.call('movies:update', { id: river!.id, title: 'Zzz river', releaseDate: '1999-12-31' })
      await catalog.call('movies:update', { id: river!.id + 3, description: 'Moves in no order.' })
      await catalog.call('movies:delete', { id: river!.id + 6 })
      const added = await catalog.call('movies:create', { title: 'Night and river', releaseDate: '1960' })
      await catalog.call('favorites:add', { movieId: added.id })
      // Into a stretch of "nig" (1,300 films) more than two blocks past the nearest anchor, whose anchor is found
      // in the orders as the edits left them.
      await expectPlain('after edits', (total) => [
        Math.floor(total / 4),
        Math.floor(total * 0.82),
        total - 2,
      ])
      expect(indexWalks()).toEqual([])
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
  })

  it('seeks to an anchor through the sort index, past tied keys by (key, id), and finds anchors walking the index, in every sort order', () => {
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'), { readonly: true })
    try {
      for (const sort of MOVIE_SORTS) {
        for (const direction of ['asc', 'desc'] as const) {
          const label = `${sort} ${direction}`
          const list = { ...sortOf(MovieListQuery.parse({ sort, direction })), filters: [] }
          const plan = ({ sql, params }: { sql: string; params: unknown[] }, ...offset: number[]) =>
            (db.prepare(`explain query plan ${sql}`).all(...params, ...offset) as { detail: string }[])
              .map((step) => step.detail)
              .join('\n')
          const anchor = [sort === 'title' ? 'm' : 1, 50]

          // The rows tied with the anchor by a seek on (key, id), the rows past it by a seek on the key.
          const window = plan(walkedWindow(list, { after: anchor, skip: 200 }, 41))
          expect(window, label).toMatch(
            /SEARCH m USING COVERING INDEX movie_sort_\w+ \((<expr>|\w+)=\? AND id[<>]\?\)/,
          )
          expect(window, label).toMatch(/SEARCH m USING COVERING INDEX movie_sort_\w+ \((<expr>|\w+)[<>]\?\)/)
          expect(window, label).not.toMatch(/SCAN m\b/)

          const fromTop = rowAtStatements(list, null)
          expect(plan(fromTop.beyond, 0), label).toMatch(/^SCAN m USING COVERING INDEX movie_sort_/)
          expect(plan(fromTop.beyond, 0), label).not.toMatch(/TEMP B-TREE/)
          const fromAnchor = rowAtStatements(list, anchor)
          for (const [statement, offset] of [
            [fromAnchor.tied!, [0]],
            [fromAnchor.beyond, [0]],
            [fromAnchor.tiedCount!, []],
          ] as const) {
            expect(plan(statement, ...offset), label).toMatch(/^SEARCH m USING COVERING INDEX movie_sort_/)
            expect(plan(statement, ...offset), label).not.toMatch(/TEMP B-TREE/)
          }
        }
      }
    } finally {
      db.close()
    }
  })

  it('places a film in a kept order of every film by a seek or two along its sort index, in every sort order', () => {
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'), { readonly: true })
    try {
      for (const keys of Object.values(MOVIE_SORT_KEYS)) {
        for (const key of new Set(Object.values(keys))) {
          const statements = nextRowStatements(movieOrderSql(key), [key.includes('title') ? 'm' : 1, 50])
          expect(statements, key).toHaveLength(2)
          for (const { sql, params } of statements) {
            const plan = (db.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[])
              .map((step) => step.detail)
              .join('\n')
            // Ties by (key, id), then past the key: never a scan, and never a sort of a run of tied keys.
            expect(plan, key).toMatch(
              /^SEARCH m USING COVERING INDEX movie_sort_\w+ \((<expr>|\w+)(=\? AND id>\?|>\?)\)$/,
            )
          }
        }
      }
    } finally {
      db.close()
    }
  })

  it('walks only the stretch of release dates a years filter allows, when sorted by release date', () => {
    const db = new Database(join(catalog.dataDir, 'catalog.sqlite'), { readonly: true })
    try {
      for (const direction of ['asc', 'desc'] as const) {
        const query = MovieListQuery.parse({ sort: 'releaseDate', direction, yearFrom: 1990, yearTo: 1999 })
        const list = { ...sortOf(query), filters: movieFilters(query, null) }
        const window = walkedWindow(list, { after: null, skip: 300 }, 41)
        const plan = (
          db.prepare(`explain query plan ${window.sql}`).all(...window.params) as { detail: string }[]
        )
          .map((step) => step.detail)
          .join('\n')
        expect(plan, direction).toMatch(
          /SEARCH m USING INDEX movie_sort_release_date_\w+ \(<expr>>\? AND <expr><\?\)/,
        )
      }
    } finally {
      db.close()
    }
  })

  it('refuses a position together with a cursor, and positions that are not whole and positive', async () => {
    const [movie] = await Promise.all([catalog.call('movies:create', { title: 'Only' })])
    const { nextCursor } = await catalog.call('movies:list', { limit: 1 })
    expect(nextCursor).toBeNull()
    const cursor = Buffer.from(JSON.stringify(['only', movie.id])).toString('base64url')
    for (const input of [{ position: 0, cursor }, { position: -1 }, { position: 1.5 }, { position: '3' }]) {
      const error = await catalog.failure('movies:list', input)
      expect(error, JSON.stringify(input)).toMatchObject({
        code: 'VALIDATION',
        issues: [{ path: ['position'] }],
      })
    }
    expect((await catalog.call('movies:list', { position: 0, cursor: null })).items).toHaveLength(1)
  })
})

describe('the favorites page: movies:list with favoritesOnly', () => {
  it('is UNAUTHENTICATED when nobody is signed in, by cursor and by position alike', async () => {
    writeMovies(catalog, 50, null)
    for (const input of [{ favoritesOnly: true }, { favoritesOnly: true, position: 300, sort: 'budget' }]) {
      expect((await catalog.failure('movies:list', input)).code).toBe('UNAUTHENTICATED')
    }
    expect((await catalog.call('movies:list', { favoritesOnly: false })).total).toBe(50)
  })

  it('lists only the signed-in profile’s favorites, searched and sorted, each with its heart', async () => {
    const bob = await catalog.call('users:register', { ...ANN, username: 'bob', email: 'bob@example.com' })
    writeMovies(catalog, 400, bob.id)
    await catalog.call('users:signOut', {})
    const ann = await catalog.call('users:register', ANN)
    const titles = ['Night of the Hunter', 'Day for Night', 'River of No Return']
    const mine: number[] = []
    for (const title of titles) {
      const movie = await catalog.call('movies:create', { title })
      await catalog.call('favorites:add', { movieId: movie.id })
      mine.push(movie.id)
    }

    const all = await catalog.call('movies:list', { favoritesOnly: true, sort: 'title', direction: 'desc' })
    expect(all.total).toBe(3)
    expect(all.items.map((item: MovieListItem) => item.title)).toEqual([
      'River of No Return',
      'Night of the Hunter',
      'Day for Night',
    ])
    expect(all.items.every((item) => item.isFavorite)).toBe(true)
    const night = await catalog.call('movies:list', { favoritesOnly: true, text: 'night' })
    expect(night.items.map((item) => item.title)).toEqual(['Day for Night', 'Night of the Hunter'])
    expect(
      (await catalog.call('movies:list', { favoritesOnly: true, position: 2 })).items.map((i) => i.title),
    ).toEqual(['River of No Return'])
    expect(
      catalog.sql('select movie_id from favorite_movie where user_id = ? order by movie_id', ann.id),
    ).toEqual(mine.map((movieId) => ({ movie_id: movieId })))

    await catalog.call('users:signOut', {})
    await catalog.call('users:signIn', { username: 'bob', password: ANN.password })
    const bobs = await catalog.call('movies:list', { favoritesOnly: true, position: 0, limit: 500 })
    expect(bobs.total).toBe(100)
    expect(bobs.items.some((item) => mine.includes(item.id))).toBe(false)
  })
})
