// Measures the hot calls on a 100,000-movie catalogue and compares each with a hand-written SQLite
// query answering the same question (the target: within 2x). Prints; asserts nothing.
// Usage: npm run bench
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { sortKeyOf } from '../../src-main/catalog/text-keys.ts'
import { openCatalogRuntime } from '../../src-main/ipc/runtime.ts'

const MOVIES = 100_000
const dataDir = await mkdtemp(join(tmpdir(), 'catalog-bench-'))
const quiet = { error: console.error, warn: () => {}, info: () => {} }

let runtime = await openCatalogRuntime({ dataDir, logger: quiet })
await runtime.close()
const seedStart = performance.now()
const writer = new Database(join(dataDir, 'catalog.sqlite'))
const words = [
  'Night',
  'Day',
  'River',
  'City',
  'Lost',
  'Amélie',
  'Garden',
  'Train',
  'Summer',
  'Winter',
  'Blue',
  'Red',
]
const insert = writer.prepare(
  'insert into movie (title, title_sort_key, description, budget, release_date, duration, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
)
writer.transaction(() => {
  for (let i = 0; i < MOVIES; i++) {
    const title = `${words[i % words.length]} ${words[(i * 7) % words.length]} ${i}`
    const date = i % 10 === 0 ? null : `${1920 + (i % 100)}-0${1 + (i % 9)}-1${i % 10}`
    insert.run(
      title,
      sortKeyOf(title),
      `A film about ${words[(i * 3) % words.length]}.`,
      (i * 7919) % 200_000_000,
      date,
      3600 + (i % 5000),
      1.7e12 + i,
      1.7e12 + i,
    )
  }
})()
const seedMs = performance.now() - seedStart
runtime = await openCatalogRuntime({ dataDir, logger: quiet })
const reader = new Database(join(dataDir, 'catalog.sqlite'), { readonly: true })

/** Mean milliseconds per call, after a short warm-up. */
async function measure(run: () => unknown, iterations: number): Promise<number> {
  for (let i = 0; i < 3; i++) await run()
  const start = performance.now()
  for (let i = 0; i < iterations; i++) await run()
  return (performance.now() - start) / iterations
}

const call = async (channel: string, input: unknown) => {
  const result = await runtime.dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
  return result.value as { nextCursor?: string | null }
}

// A cursor near the end of the title order, reached the way a scrolling view would.
let cursor: string | null | undefined = null
for (let page = 0; page < MOVIES / 500 - 1; page++) {
  cursor = (await call('movies:list', { limit: 500, cursor })).nextCursor
}
const lastTitle = reader
  .prepare(
    'select title_sort_key as title, id from movie order by title_sort_key desc, id desc limit 1 offset 150',
  )
  .get() as { title: string; id: number }

const rows: [string, number, number][] = []
const compare = async (
  label: string,
  service: () => unknown,
  handWritten: () => unknown,
  iterations = 50,
) => {
  rows.push([label, await measure(service, iterations), await measure(handWritten, iterations)])
}
await compare(
  'movies:list first page (100, by title)',
  () => call('movies:list', { limit: 100 }),
  () => {
    reader.prepare('select count(*) from movie').get()
    return reader
      .prepare(
        'select m.*, f.key, p.first_name, p.last_name from movie m left join file f on f.id = m.poster_id left join person p on p.id = m.director_id order by m.title_sort_key, m.id limit 101',
      )
      .all()
  },
)
await compare(
  'movies:list page at the end (keyset)',
  () => call('movies:list', { limit: 100, cursor }),
  () => {
    reader.prepare('select count(*) from movie').get()
    return reader
      .prepare(
        'select m.*, f.key, p.first_name, p.last_name from movie m left join file f on f.id = m.poster_id left join person p on p.id = m.director_id where m.title_sort_key >= ? and (m.title_sort_key, m.id) > (?, ?) order by m.title_sort_key, m.id limit 101',
      )
      .all(lastTitle.title, lastTitle.title, lastTitle.id)
  },
)
await compare(
  'movies:list by release date desc',
  () => call('movies:list', { limit: 100, sort: 'releaseDate', direction: 'desc' }),
  () => reader.prepare("select * from movie order by ifnull(release_date, '') desc, id desc limit 101").all(),
)
await compare(
  'movies:list text "amel" (FTS prefix)',
  () => call('movies:list', { limit: 100, text: 'amel' }),
  () =>
    reader
      .prepare(
        `select * from movie where id in (select rowid from movie_search where movie_search match '"amel"*') order by title_sort_key, id limit 101`,
      )
      .all(),
)
await compare(
  'search:all "river cit"',
  () => call('search:all', { text: 'river cit', limitPerKind: 10 }),
  () =>
    reader
      .prepare(
        `select m.id, m.title from movie_search s join movie m on m.id = s.rowid where movie_search match '"river"* "cit"*' order by bm25(movie_search, 10.0, 1.0) limit 10`,
      )
      .all(),
  20,
)
await compare(
  'movies:get',
  () => call('movies:get', { id: 4242 }),
  () => reader.prepare('select * from movie where id = ?').get(4242),
)

const createStart = performance.now()
for (let i = 0; i < 200; i++) await call('movies:create', { title: `Bench ${i}`, releaseDate: '2000-01-01' })
const createMs = (performance.now() - createStart) / 200

console.log(
  `\nCatalogue of ${MOVIES.toLocaleString('en')} movies (seeded in ${(seedMs / 1000).toFixed(1)} s)\n`,
)
console.log('call'.padEnd(42), 'service ms'.padStart(11), 'SQL ms'.padStart(9), 'ratio'.padStart(7))
for (const [label, service, sql] of rows) {
  console.log(
    label.padEnd(42),
    service.toFixed(3).padStart(11),
    sql.toFixed(3).padStart(9),
    `${(service / sql).toFixed(1)}x`.padStart(7),
  )
}
console.log(`\nmovies:create: ${createMs.toFixed(2)} ms per call`)
console.log(
  `memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
)

reader.close()
await runtime.close()
await rm(dataDir, { recursive: true, force: true })
