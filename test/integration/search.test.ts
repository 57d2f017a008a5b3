import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SEARCH_CANDIDATES } from '../../src-main/catalog/search/search.service.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

describe('search', () => {
  beforeEach(async () => {
    const jeunet = await catalog.call('people:create', { firstName: 'Jean-Pierre', lastName: 'Jeunet' })
    const tautou = await catalog.call('people:create', { firstName: 'Audrey', lastName: 'Tautou' })
    const amelie = await catalog.call('movies:create', {
      title: 'Amélie',
      releaseDate: '2001-04-25',
      description: 'A waitress in Montmartre decides to change the lives of those around her.',
      directorId: jeunet.id,
    })
    await catalog.call('movies:create', {
      title: 'Delicatessen',
      description: 'A butcher, a cleaver, an amélie-free story.',
    })
    await catalog.call('characters:add', {
      movieId: amelie.id,
      name: 'Amélie Poulain',
      actorId: tautou.id,
      role: 'lead',
    })
  })

  it('finds by prefix, without accents or case, grouped by kind', async () => {
    const results = await catalog.call('search:all', { text: 'AMEL' })
    expect(results.movies.map((hit) => hit.label)).toEqual(['Amélie', 'Delicatessen'])
    expect(results.movies[0]).toMatchObject({ detail: '2001' })
    expect(results.characters).toEqual([
      expect.objectContaining({
        label: 'Amélie Poulain',
        detail: 'in Amélie',
        movieId: results.movies[0]?.movieId,
      }),
    ])
    expect(results.people).toEqual([])
  })

  it('ranks a title match above a description match', async () => {
    const { movies } = await catalog.call('search:all', { text: 'amelie' })
    expect(movies.map((hit) => hit.label)).toEqual(['Amélie', 'Delicatessen'])
  })

  it('finds people by any part of their name, every word required', async () => {
    expect((await catalog.call('search:all', { text: 'jean jeu' })).people.map((hit) => hit.label)).toEqual([
      'Jean-Pierre Jeunet',
    ])
    expect((await catalog.call('search:all', { text: 'jean tautou' })).people).toEqual([])
  })

  it('follows edits and deletes', async () => {
    const [hit] = (await catalog.call('search:all', { text: 'delicatessen' })).movies
    await catalog.call('movies:update', {
      id: hit!.id,
      title: 'The City of Lost Children',
      description: null,
    })
    expect((await catalog.call('search:all', { text: 'delicatessen' })).movies).toEqual([])
    expect((await catalog.call('search:all', { text: 'lost chil' })).movies).toHaveLength(1)
    await catalog.call('movies:delete', { id: hit!.id })
    expect((await catalog.call('search:all', { text: 'lost' })).movies).toEqual([])
  })

  it('treats search syntax as plain text and refuses empty queries', async () => {
    for (const text of ['"', 'amel*" OR "x', 'NEAR(a b)', '-', '^title:']) {
      const result = await catalog.runtime.dispatch('search:all', { text })
      expect(result.ok).toBe(true)
    }
    expect((await catalog.failure('search:all', { text: '   ' })).code).toBe('VALIDATION')
  })

  it('honours the limit per kind', async () => {
    for (let i = 0; i < 15; i++) await catalog.call('movies:create', { title: `Amelia ${i}` })
    const { movies } = await catalog.call('search:all', { text: 'ame', limitPerKind: 5 })
    expect(movies).toHaveLength(5)
  })
})

describe('search ranking', () => {
  it('puts title matches first, then shorter names, then the alphabet, in every kind', async () => {
    const night = ['The Night Porter', 'Night', 'Night and Day', 'A Night at the Opera', 'Nights of Cabiria']
    for (const title of night) await catalog.call('movies:create', { title })
    await catalog.call('movies:create', { title: 'Dawn', description: 'One night in a small town.' })
    const ann = await catalog.call('people:create', { firstName: 'Ann', lastName: 'Nightingale' })
    await catalog.call('people:create', { firstName: 'Florence', lastName: 'Nightingale' })
    await catalog.call('people:create', { lastName: 'Night' })
    for (const name of ['Night Nurse', 'Knight', 'Night Porter', 'The Night Porter']) {
      await catalog.call('characters:add', { movieId: 1, name, actorId: ann.id })
    }

    const results = await catalog.call('search:all', { text: 'night' })
    expect(results.movies.map((hit) => hit.label)).toEqual([
      'Night',
      'Night and Day',
      'The Night Porter',
      'Nights of Cabiria',
      'A Night at the Opera',
      'Dawn',
    ])
    expect(results.people.map((hit) => hit.label)).toEqual([
      'Night',
      'Ann Nightingale',
      'Florence Nightingale',
    ])
    expect(results.characters.map((hit) => hit.label)).toEqual([
      'Night Nurse',
      'Night Porter',
      'The Night Porter',
    ])
  })

  it('ranks only the most recently added matches of a search that matches almost everything, so it costs no more', {
    timeout: 60_000,
  }, async () => {
    // The oldest film has the best title for "a", but a search this broad ranks only the newest matches.
    await catalog.call('movies:create', { title: 'A' })
    const writer = new Database(join(catalog.dataDir, 'catalog.sqlite'))
    try {
      const insert = writer.prepare(
        'insert into movie (title, title_sort_key, created_at, updated_at) values (?, lower(?), 1, 1)',
      )
      writer.transaction(() => {
        for (let i = 0; i < SEARCH_CANDIDATES + 50; i++) insert.run(`Amber ${i}`, `Amber ${i}`)
      })()
    } finally {
      writer.close()
    }
    const { movies } = await catalog.call('search:all', { text: 'a', limitPerKind: 3 })
    expect(movies.map((hit) => hit.label)).toEqual(['Amber 50', 'Amber 51', 'Amber 52'])
    // A search matching fewer ranks every match, the oldest included.
    await catalog.call('movies:create', { title: 'Amber Zzz' })
    expect((await catalog.call('search:all', { text: 'a zz' })).movies.map((hit) => hit.label)).toEqual([
      'Amber Zzz',
    ])
    await catalog.call('movies:update', { id: 1, title: 'A Zzz' })
    expect((await catalog.call('search:all', { text: 'a zz' })).movies.map((hit) => hit.label)).toEqual([
      'A Zzz',
      'Amber Zzz',
    ])
  })
})
