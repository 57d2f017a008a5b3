import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCatalogRuntime } from '../../src-main/ipc/runtime.ts'
import type { Channel, Input, Output } from '../../src-shared/contract.ts'
import { writeMovies } from '../support/seed-movies.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

const ANN = { username: 'ann', email: 'ann@example.com', password: 'long enough' }
const quietLogger = { error: () => {}, warn: () => {}, info: () => {} }

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

/** A small deterministic generator, so a failure names an edit that can be replayed. */
function seeded(seed: number) {
  let state = seed
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % below
  }
}

describe('what main keeps about the catalogue, after edits of one movie', () => {
  it('answers every list window, count and facet exactly as a catalogue opened afresh after each edit does', async () => {
    const ann = await catalog.call('users:register', ANN)
    // 2,600 movies: lists long enough for several anchors each, and a years filter that keeps more movies than
    // the facet index's threshold (some 2,230; one movie in seven has no date).
    const genres = writeMovies(catalog, 2600, ann.id)
    // The same file opened a second time: every commit of the first is another connection's to it, so it
    // keeps nothing across an edit and answers each question from the data alone.
    const fresh = await openCatalogRuntime({
      dataDir: catalog.dataDir,
      logger: quietLogger,
      scheduleHousekeeping: () => {},
    })
    try {
      await fresh.dispatch('users:signIn', { username: ANN.username, password: ANN.password })
      const ask = async <C extends Channel>(runtime: typeof fresh, channel: C, input: Input<C>) => {
        const result = await runtime.dispatch(channel, input)
        if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
        return result.value as Output<C>
      }
      const [drama, comedy] = genres as [number, number]
      const filterChoices: Record<string, unknown>[] = [
        {},
        { text: 'nig' },
        { genreIds: [drama] },
        { countryId: 2, yearFrom: 1960 },
        { favoritesOnly: true },
        { text: 'day', genreIds: [comedy] },
        { yearFrom: 1900 },
        { yearFrom: 1900, genreIds: [drama], text: 'r' },
      ]
      /** Everything the movies page asks with one choice of filters, and the statistics page. */
      const questionsOf = (filters: Record<string, unknown>) => {
        const questions: { channel: Channel; input: Record<string, unknown> }[] = [
          { channel: 'stats:summary', input: {} },
          { channel: 'movies:facets', input: filters },
        ]
        for (const [sort, direction] of [
          ['title', 'asc'],
          ['releaseDate', 'desc'],
          ['budget', 'asc'],
        ] as const) {
          for (const position of [0, 300, 555, 1100, 1900]) {
            questions.push({
              channel: 'movies:list',
              input: { ...filters, sort, direction, position, limit: 50 },
            })
          }
        }
        return questions
      }
      const answers = async (runtime: typeof fresh, questions: ReturnType<typeof questionsOf>) => {
        const all: unknown[] = []
        for (const { channel, input } of questions) {
          const result = await runtime.dispatch(channel, input)
          // A position past a short list's end is refused alike by both.
          all.push(result.ok ? result.value : result.error.code)
        }
        return all
      }
      // Two choices of filters at a time, so that everything kept for them is among what follows an edit (the
      // most recently used answers; see FOLLOWED_AT_MOST in derived-cache.ts) and none is dropped instead.
      const questionsOfRound = (round: number) =>
        [0, 1].flatMap((n) => questionsOf(filterChoices[(round + n) % filterChoices.length]!))
      const expectSameAnswers = async (label: string, questions: ReturnType<typeof questionsOf>) => {
        const kept = await answers(catalog.runtime, questions)
        const afresh = await answers(fresh, questions)
        for (let n = 0; n < questions.length; n++) {
          expect(kept[n], `${label}: ${JSON.stringify(questions[n])}`).toEqual(afresh[n])
        }
      }
      for (let round = 0; round < filterChoices.length; round++) {
        await expectSameAnswers('at first', questionsOfRound(round))
      }

      const random = seeded(8)
      const someMovie = async () => {
        const ids = catalog.sql<{ id: number }>('select id from movie order by id').map((row) => row.id)
        return ids[random(ids.length)]!
      }
      const titles = ['Aaa night', 'Zzz day', 'Night river', 'Middle', 'Day of night']
      for (let edit = 0; edit < 28; edit++) {
        const questions = questionsOfRound(edit)
        // Asked before the edit, so that main keeps what they need and has to follow the edit with it.
        await answers(catalog.runtime, questions)
        const kind = edit % 7
        let label: string
        if (kind === 0) {
          const made = await ask(catalog.runtime, 'movies:create', {
            title: titles[random(titles.length)]!,
            genreIds: [genres[random(6)]!, genres[random(6)]!],
            countryId: 1 + random(5),
            releaseDate: `${1955 + random(30)}`,
            budget: random(50) * 1000,
          })
          label = `movie ${made.id} added`
        } else if (kind === 1 || kind === 4) {
          const id = await someMovie()
          await ask(catalog.runtime, 'movies:update', {
            id,
            title: titles[random(titles.length)]!,
            genreIds: random(3) === 0 ? [] : [genres[random(6)]!],
            countryId: random(4) === 0 ? null : 1 + random(5),
            releaseDate: random(5) === 0 ? null : `${1950 + random(30)}-0${1 + random(9)}-1${random(3)}`,
            budget: random(4) === 0 ? null : random(50) * 1000,
          })
          label = `movie ${id} changed`
        } else if (kind === 2) {
          const id = await someMovie()
          await ask(catalog.runtime, 'movies:delete', { id })
          label = `movie ${id} deleted`
        } else if (kind === 6) {
          // Edits that change no movie: the kept lists stand, the statistics follow.
          const id = await someMovie()
          const actorId = 1 + random(20)
          await ask(catalog.runtime, 'characters:add', { movieId: id, name: `Part ${edit}`, actorId })
          await ask(catalog.runtime, 'genres:rename', { id: genres[random(6)]!, name: `Genre ${edit}` })
          label = `a part in movie ${id} for person ${actorId}, and a genre renamed`
        } else {
          const id = await someMovie()
          const favorite = catalog.sql('select 1 from favorite_movie where movie_id = ?', id).length > 0
          await ask(catalog.runtime, favorite ? 'favorites:remove' : 'favorites:add', { movieId: id })
          label = `movie ${id} ${favorite ? 'no longer' : 'now'} a favorite`
        }
        await expectSameAnswers(`after edit ${edit}: ${label}`, questions)
      }
    } finally {
      await fresh.close()
    }
  }, 120_000)

  it('moves the median budget along as budgets are added, changed and removed on either side of it', async () => {
    const fresh = await openCatalogRuntime({
      dataDir: catalog.dataDir,
      logger: quietLogger,
      scheduleHousekeeping: () => {},
    })
    try {
      const statsOf = async (runtime: typeof fresh) => {
        const result = await runtime.dispatch('stats:summary', {})
        if (!result.ok) throw new Error(result.error.message)
        return (result.value as Output<'stats:summary'>).budget
      }
      const ids: number[] = []
      for (const budget of [10, 20, 30, 40, 50, 60, 70]) {
        ids.push((await catalog.call('movies:create', { title: `Budget ${budget}`, budget })).id)
      }
      expect((await statsOf(catalog.runtime)).median).toBe(40)
      const random = seeded(3)
      for (let edit = 0; edit < 40; edit++) {
        const kind = random(3)
        let label: string
        if (kind === 0 || ids.length < 3) {
          const budget = random(9) * 10 + 5
          ids.push((await catalog.call('movies:create', { title: `Added ${edit}`, budget })).id)
          label = `a film with ${budget} added`
        } else if (kind === 1) {
          const id = ids[random(ids.length)]!
          const budget = random(4) === 0 ? null : random(9) * 10
          await catalog.call('movies:update', { id, budget })
          label = `film ${id}'s budget now ${budget}`
        } else {
          const id = ids.splice(random(ids.length), 1)[0]!
          await catalog.call('movies:delete', { id })
          label = `film ${id} deleted`
        }
        expect(await statsOf(catalog.runtime), `after edit ${edit}: ${label}`).toEqual(await statsOf(fresh))
      }
    } finally {
      await fresh.close()
    }
  })
})
