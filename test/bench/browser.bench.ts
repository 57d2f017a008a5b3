// The catalogue as a person meets it: the real renderer in Chromium through the harness (real dispatcher,
// services and file), on the benchmark's generated catalogue. Times what a person waits for, from their action to
// the result on screen, and counts the long tasks (over 50 ms) the page ran meanwhile:
// - navigation to the first rows of the movie list,
// - dragging the scrollbar to the end of the list (to its last row shown),
// - typing a search letter by letter (from the last key to the matching rows),
// - opening a movie (from the click to its page).
// Written against the catalogue UI's names: a table named "Movies" with aria-rowcount and rows with
// aria-rowindex (aria-busy while loading), a "Search movies" box, the movie page's title as its first heading.
// Usage: npm run bench:browser -- [--size 100000] [--runs 5] [--cache-dir dir] [--out file.json]
import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { chromium, type Page } from 'playwright-core'
import { DATABASE_FILE_NAME } from '../../src-main/db/open-database.ts'
import { startHarness } from '../harness/harness.ts'
import { quantile } from './bench-timing.ts'
import { CATALOGUE_SIZES, preparedCatalogue } from './seeded-catalogue.ts'

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    'cache-dir': { type: 'string', default: join(tmpdir(), 'film-catalogue-bench') },
    out: { type: 'string' },
  },
})
const size = Number(args.size)
if (!CATALOGUE_SIZES.includes(size as never))
  throw new Error(`--size is one of ${CATALOGUE_SIZES.join(', ')}`)
const runs = Number(args.runs)
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(CHROMIUM_PATH)) {
  throw new Error(
    `No Chromium at ${CHROMIUM_PATH}. Install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  )
}
const LONG_TASK_MS = 50
const log = (line: string) => process.stderr.write(`${line}\n`)

const cacheDir = args['cache-dir']
const workDir = join(cacheDir, `browser-run-${size}-${process.pid}`)
const facts = await preparedCatalogue(cacheDir, size, workDir, log)
// The word typed, and how many films it finds (the list's rows once it has answered the last key).
const SEARCHED = 'night'
const catalogue = new Database(join(workDir, DATABASE_FILE_NAME))
const searchedMatches = (
  catalogue
    .prepare('select count(*) as n from movie_search where movie_search match ?')
    .get(`"${SEARCHED}"*`) as {
    n: number
  }
).n
// Ann chose to stay signed in on this computer, so the app opens on her catalogue, not on the profile chooser.
catalogue.prepare("update user set stay_signed_in = 1 where username = 'ann'").run()
catalogue.close()
const harness = await startHarness({
  dataDir: workDir,
  logger: {
    error: (message, ...details) => console.error(message, ...details),
    warn: () => {},
    info: () => {},
  },
})
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
})

interface Journey {
  name: string
  ms: number[]
  longTasks: number[]
}
const journeys = new Map<string, Journey>()
const record = (name: string, ms: number, longTasks: number[]) => {
  const journey = journeys.get(name) ?? { name, ms: [], longTasks: [] }
  journey.ms.push(ms)
  journey.longTasks.push(...longTasks)
  journeys.set(name, journey)
}

/** Long tasks the page has run since the last call (Chromium's PerformanceObserver, from the first script on). */
const takeLongTasks = (page: Page) =>
  page.evaluate(() => {
    const seen = (window as unknown as { longTasks: number[] }).longTasks
    return seen.splice(0, seen.length)
  })

const moviesTable = (page: Page) => page.getByRole('table', { name: 'Movies' })
const loadedRows = (page: Page) => moviesTable(page).locator('tbody tr[aria-rowindex]:not([aria-busy])')

/** Times `action` until `shown` resolves, and the long tasks in between. */
async function timed(page: Page, name: string, action: () => Promise<void>, shown: () => Promise<void>) {
  await takeLongTasks(page)
  const start = performance.now()
  await action()
  await shown()
  const ms = performance.now() - start
  record(name, ms, await takeLongTasks(page))
}

try {
  for (let run = 0; run < runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.addInitScript(() => {
      const longTasks: number[] = []
      ;(window as unknown as { longTasks: number[] }).longTasks = longTasks
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration)
      }).observe({ type: 'longtask', buffered: true })
    })

    const start = performance.now()
    await page.goto(new URL('movies', harness.url).href)
    await loadedRows(page).first().waitFor({ timeout: 60_000 })
    record('navigation to the first rows', performance.now() - start, await takeLongTasks(page))

    const rowCount = Number(await moviesTable(page).getAttribute('aria-rowcount'))
    if (!rowCount || !(await page.getByRole('textbox', { name: 'Search movies' }).count())) {
      throw new Error(
        "This renderer has no 'Movies' table with aria-rowcount or no 'Search movies' box: the browser benchmark " +
          'runs once the catalogue UI (a virtualized movie list with search as you type) is on this branch.',
      )
    }

    // A drag of the scrollbar: the scroll position moves to the end in steps, a frame apart.
    const scroller = moviesTable(page).locator('xpath=..')
    await timed(
      page,
      'dragging the scrollbar to the end',
      () =>
        scroller.evaluate(async (element) => {
          for (let step = 1; step <= 12; step++) {
            element.scrollTop = (element.scrollHeight * step) / 12
            await new Promise((resolve) => requestAnimationFrame(resolve))
          }
        }),
      () =>
        moviesTable(page)
          .locator(`tbody tr[aria-rowindex="${rowCount}"]:not([aria-busy])`)
          .waitFor({ timeout: 60_000 }),
    )
    await scroller.evaluate((element) => {
      element.scrollTop = 0
    })
    await loadedRows(page).first().waitFor()

    // Typed as a person types, 80 ms a key; timed from the last key to the list of its matches, loaded.
    const search = page.getByRole('textbox', { name: 'Search movies' })
    await search.click()
    await page.keyboard.type(SEARCHED.slice(0, -1), { delay: 80 })
    await timed(
      page,
      'typing a search letter by letter (last key to its rows)',
      () => page.keyboard.type(SEARCHED.slice(-1)),
      async () => {
        await page.waitForFunction(
          (rows) => {
            const table = document.querySelector('table[aria-label="Movies"]')
            const shown = [...(table?.querySelectorAll('tbody tr[aria-rowindex]') ?? [])]
            return (
              Number(table?.getAttribute('aria-rowcount')) === rows &&
              shown.length > 0 &&
              shown.every((row) => !row.hasAttribute('aria-busy'))
            )
          },
          searchedMatches + 1,
          { timeout: 60_000 },
        )
      },
    )

    const firstTitle = moviesTable(page).locator('tbody tr[aria-rowindex]:not([aria-busy]) a').first()
    const title = (await firstTitle.textContent()) ?? ''
    await timed(
      page,
      'opening a movie',
      () => firstTitle.click(),
      () => page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 60_000 }),
    )
    await page.close()
    log(`run ${run + 1} of ${runs} done`)
  }
} finally {
  await browser.close()
  await harness.close()
  await rm(workDir, { recursive: true, force: true })
}

const results = [...journeys.values()].map((journey) => ({
  name: journey.name,
  p50Ms: quantile(journey.ms, 0.5),
  maxMs: Math.max(...journey.ms),
  longTasksOver50Ms: journey.longTasks.filter((ms) => ms > LONG_TASK_MS).length,
  longestTaskMs: journey.longTasks.length ? Math.max(...journey.longTasks) : 0,
}))
const lines = [
  '',
  `Film Catalogue in Chromium through the harness: ${facts.movies.toLocaleString('en')} films, ${runs} runs; ` +
    `${cpus().length} CPUs, Node ${process.version}, load ${loadavg()[0]!.toFixed(1)}`,
  '',
  '| journey | p50 ms | max ms | long tasks > 50 ms | longest task ms |',
  '|---|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.p50Ms.toFixed(0)} | ${r.maxMs.toFixed(0)} | ${r.longTasksOver50Ms} | ${r.longestTaskMs.toFixed(0)} |`,
  ),
]
process.stdout.write(`${lines.join('\n')}\n`)
if (args.out) {
  await mkdir(join(args.out, '..'), { recursive: true })
  await writeFile(args.out, `${JSON.stringify({ size, runs, journeys: results }, null, 2)}\n`)
}
