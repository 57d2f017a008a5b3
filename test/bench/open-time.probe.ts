// Run by the benchmark in a fresh process: how long the main process takes from loading its code to answering
// the first list window, and how much memory it holds then and after a tour of the app's reads.
// Usage: node test/bench/open-time.probe.ts <data-dir> <prolific actor id>
export {}

const started = performance.now()
const { openCatalogRuntime } = await import('../../src-main/ipc/runtime.ts')
const loaded = performance.now()
const [dataDir, actorId] = process.argv.slice(2)
if (!dataDir) throw new Error('Usage: open-time.probe.ts <data-dir> <prolific actor id>')

const runtime = await openCatalogRuntime({
  dataDir,
  logger: { error: console.error, warn: () => {}, info: () => {} },
})
const opened = performance.now()
const first = await runtime.dispatch('movies:list', { position: 0, limit: 100 })
const firstList = performance.now()
if (!first.ok) throw new Error(first.error.message)
const rssAtFirstList = process.memoryUsage().rss

// What a session of use touches: every sort's ends, filters, facets, search and detail pages.
const tour: [string, unknown][] = []
for (const sort of ['title', 'releaseDate', 'budget', 'duration', 'createdAt']) {
  for (const position of [0, 50_000, 999_900]) tour.push(['movies:list', { sort, position, limit: 100 }])
}
for (const text of ['a', 'the', 'night', 'lov']) {
  tour.push(['search:all', { text }], ['movies:list', { text, limit: 100 }], ['movies:facets', { text }])
}
tour.push(['movies:facets', {}], ['people:list', { limit: 100 }], ['people:get', { id: Number(actorId) }])
for (let id = 1; id <= 20; id++) tour.push(['movies:get', { id: id * 37 }])
for (const [channel, input] of tour) await runtime.dispatch(channel, input)
const rssAfterTour = process.memoryUsage().rss
await runtime.close()

process.stdout.write(
  `${JSON.stringify({
    loadCodeMs: loaded - started,
    openMs: opened - loaded,
    firstListMs: firstList - opened,
    toFirstListMs: firstList - started,
    rssAtFirstListMiB: rssAtFirstList / 2 ** 20,
    rssAfterTourMiB: rssAfterTour / 2 ** 20,
  })}\n`,
)
