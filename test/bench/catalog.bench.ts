// The catalogue benchmark: every read the UI makes, single writes, the keystroke burst, and opening, on a
// generated catalogue of --size films, each call through the dispatcher next to the best hand-written SQL
// for the same answer (see floor-queries.ts). Prints a table and, with --out, JSON; asserts nothing about
// speed, but stops with an error when a service and its floor answer differently.
// Usage: npm run bench -- [--size 1000|10000|100000|1000000] [--out file.json] [--iterations n]
//          [--cache-dir dir] [--only text[|text…]]
import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import Database from 'better-sqlite3'
import { DATABASE_FILE_NAME } from '../../src-main/db/open-database.ts'
import { openCatalogRuntime } from '../../src-main/ipc/runtime.ts'
import { buildCases, call, isChosen } from './bench-cases.ts'
import { type CaseResult, quantile, runCase } from './bench-timing.ts'
import { PreparedOnce } from './floor-queries.ts'
import { BENCH_PASSWORD, CATALOGUE_SIZES, preparedCatalogue } from './seeded-catalogue.ts'

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    out: { type: 'string' },
    iterations: { type: 'string' },
    'cache-dir': { type: 'string', default: join(tmpdir(), 'film-catalogue-bench') },
    only: { type: 'string' },
  },
})
const size = Number(args.size)
if (!CATALOGUE_SIZES.includes(size as never)) {
  throw new Error(`--size is one of ${CATALOGUE_SIZES.join(', ')}`)
}
const iterations = Number(args.iterations ?? (size >= 1_000_000 ? 30 : 60))
const log = (line: string) => process.stderr.write(`${line}\n`)

const cacheDir = args['cache-dir']
const workDir = join(cacheDir, `run-${size}-${process.pid}`)
const facts = await preparedCatalogue(cacheDir, size, workDir, log)
const load = { atStart: loadavg()[0]!, atEnd: 0 }

// Opening, in a fresh process each time, before this process has touched the file.
const probe = promisify(execFile)
const openRuns: Record<string, number>[] = []
for (let i = 0; i < 3; i++) {
  const { stdout } = await probe(process.execPath, [
    join(import.meta.dirname, 'open-time.probe.ts'),
    workDir,
    String(facts.prolificActorId),
  ])
  openRuns.push(JSON.parse(stdout) as Record<string, number>)
}
const medianOf = (key: string) =>
  quantile(
    openRuns.map((run) => run[key]!),
    0.5,
  )
const open = {
  toFirstListMs: medianOf('toFirstListMs'),
  loadCodeMs: medianOf('loadCodeMs'),
  openMs: medianOf('openMs'),
  firstListMs: medianOf('firstListMs'),
  rssAtFirstListMiB: medianOf('rssAtFirstListMiB'),
  rssAfterTourMiB: medianOf('rssAfterTourMiB'),
}

const runtime = await openCatalogRuntime({
  dataDir: workDir,
  logger: { error: console.error, warn: () => {}, info: () => {} },
  // Run once here, timed, rather than on its timer in the middle of a case.
  scheduleHousekeeping: () => {},
})
const housekeepingStart = performance.now()
await runtime.collectUnusedFiles()
const housekeepingMs = performance.now() - housekeepingStart
const ann = await call(runtime, 'users:signIn', { username: 'ann', password: BENCH_PASSWORD })
const databasePath = join(workDir, DATABASE_FILE_NAME)
const floorDb = new Database(databasePath, { readonly: true })
const floorWriter = new Database(databasePath)
for (const db of [floorDb, floorWriter]) db.pragma('cache_size = -65536')

const large = size >= 1_000_000
const cases = buildCases({
  runtime,
  floor: new PreparedOnce(floorDb),
  floorWriter,
  facts,
  userId: ann.id,
  // Issue 8: at 100,000 films a read's p95 under 10 ms, a write's under 5, the last of five keystrokes answered
  // within 30 ms; at 1,000,000, "every one of these stays under 50 ms".
  readGoalMs: large ? 50 : 10,
  writeGoalMs: large ? 50 : 5,
  burstGoalMs: large ? 50 : 30,
  ...(args.only && { only: args.only }),
}).filter((benchCase) => isChosen(args.only, `${benchCase.group} ${benchCase.name}`))

const results: CaseResult[] = []
for (const benchCase of cases) {
  const result = await runCase(benchCase, iterations)
  results.push(result)
  log(`${result.meetsGoal ? ' ' : '✗'} ${result.group}: ${result.name} ${result.p50Ms.toFixed(2)} ms`)
}
load.atEnd = loadavg()[0]!
floorDb.close()
floorWriter.close()
await runtime.close()
await rm(workDir, { recursive: true, force: true })

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  sqlite: (new Database(':memory:').prepare('select sqlite_version() as v').get() as { v: string }).v,
  loadAverage: load,
}
const openGoalMs = large ? 1000 : 500

printTable()
if (args.out) {
  await mkdir(join(args.out, '..'), { recursive: true })
  await writeFile(
    args.out,
    `${JSON.stringify({ size, facts, machine, open: { ...open, goalMs: openGoalMs, rssGoalMiB: 250 }, housekeepingMs, cases: results }, null, 2)}\n`,
  )
}
const mismatches = results.filter((result) => result.mismatch)
if (mismatches.length > 0) {
  for (const result of mismatches) log(`\nDifferent answers in "${result.name}":\n  ${result.mismatch}`)
  process.exitCode = 1
}

function printTable() {
  const f = (ms: number | null) => (ms === null ? '—' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1))
  const lines = [
    '',
    `Film Catalogue benchmark: ${facts.movies.toLocaleString('en')} films, ${facts.people.toLocaleString('en')} people, ` +
      `${facts.characters.toLocaleString('en')} characters, ${facts.genreLinks.toLocaleString('en')} genre links, ` +
      `${facts.files.toLocaleString('en')} images, ${facts.favorites.toLocaleString('en')} favorites`,
    `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, SQLite ${machine.sqlite}, ` +
      `load ${load.atStart.toFixed(1)} at start, ${load.atEnd.toFixed(1)} at end; ${iterations} calls a case`,
    '',
    `| case | p50 ms | p95 ms | floor p50 | floor p95 | ratio | goal |`,
    `|---|---:|---:|---:|---:|---:|---|`,
  ]
  let group = ''
  for (const r of results) {
    if (r.group !== group) {
      group = r.group
      lines.push(`| **${group}** | | | | | | |`)
    }
    const goal = `${r.meetsGoal ? 'ok' : 'MISS'} (p95 < ${r.p95GoalMs}${r.ratioGoal ? ', ≤ 2×' : ''})`
    lines.push(
      `| ${r.name} | ${f(r.p50Ms)} | ${f(r.p95Ms)} | ${f(r.floorP50Ms)} | ${f(r.floorP95Ms)} | ${
        r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`
      } | ${r.mismatch ? 'DIFFERENT ANSWER' : goal} |`,
    )
  }
  const openToFirstList = open.openMs + open.firstListMs
  const openOk = openToFirstList < openGoalMs && open.rssAfterTourMiB < 250
  lines.push(
    '',
    `Open to first list (fresh process, median of 3): ${openToFirstList.toFixed(0)} ms ` +
      `(open ${open.openMs.toFixed(0)}, first list ${open.firstListMs.toFixed(0)}; before that, loading main's code ` +
      `from TypeScript sources took ${open.loadCodeMs.toFixed(0)} ms, which the app's bundle does not); ` +
      `RSS ${open.rssAtFirstListMiB.toFixed(0)} MiB at first list, ${open.rssAfterTourMiB.toFixed(0)} MiB after a tour ` +
      `— ${openOk ? 'ok' : 'MISS'} (< ${openGoalMs} ms, < 250 MiB)`,
    `Housekeeping of ${facts.files.toLocaleString('en')} image rows, in the background after opening: ` +
      `${housekeepingMs.toFixed(0)} ms in all, in short turns of the queue.`,
    `${results.filter((r) => r.meetsGoal).length} of ${results.length} cases meet the goal.`,
  )
  process.stdout.write(`${lines.join('\n')}\n`)
}
