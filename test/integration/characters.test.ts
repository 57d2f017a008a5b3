import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

let catalog: TestCatalog
let movieId: number
beforeEach(async () => {
  catalog = await openTestCatalog()
  movieId = insertMovie('The Third Man')
})
afterEach(async () => {
  await catalog.close()
})

/** Movies have no service in these tests: written on a separate connection, closed straight after. */
function insertMovie(title: string): number {
  const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
  try {
    const now = Date.now()
    return db
      .prepare(
        'insert into movie (title, title_sort_key, created_at, updated_at) select column1, lower(column1), column2, column3 from (values (?, ?, ?))',
      )
      .run(title, now, now).lastInsertRowid as number
  } finally {
    db.close()
  }
}

const characterRow = (id: number) =>
  catalog.sql<Record<string, unknown>>('select * from character where id = ?', id)[0]
const characterCount = () => catalog.sql<{ n: number }>('select count(*) as n from character')[0]!.n
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('characters:add', () => {
  it('adds a character with the default role and no actor', async () => {
    const added = await catalog.call('characters:add', { movieId, name: '  Harry Lime ' })
    expect(added).toEqual({
      id: expect.any(Number),
      movieId,
      name: 'Harry Lime',
      description: null,
      role: 'supporting',
      actor: null,
    })
    const row = characterRow(added.id)
    expect(row).toMatchObject({ movie_id: movieId, name: 'Harry Lime', role: 'supporting', actor_id: null })
    expect(row?.created_at).not.toBeNull()
    expect(row?.updated_at).not.toBeNull()
  })

  it('adds a character played by an existing person', async () => {
    const orson = await catalog.call('people:create', { firstName: 'Orson', lastName: 'Welles' })
    const added = await catalog.call('characters:add', {
      movieId,
      name: 'Harry Lime',
      description: 'Sells diluted penicillin.',
      role: 'lead',
      actorId: orson.id,
    })
    expect(added).toMatchObject({
      description: 'Sells diluted penicillin.',
      role: 'lead',
      actor: { id: orson.id, firstName: 'Orson', lastName: 'Welles', fullName: 'Orson Welles' },
    })
    expect(characterRow(added.id)).toMatchObject({ actor_id: orson.id })
    const played = await catalog.call('people:filmography', { personId: orson.id, part: 'played' })
    expect(played.items.map((item) => [item.character?.id, item.movie.id])).toEqual([[added.id, movieId]])
  })

  it('answers NOT_FOUND on the field for a missing movie or actor, and writes nothing', async () => {
    expect(await catalog.failure('characters:add', { movieId: 9999, name: 'Nobody' })).toEqual({
      code: 'NOT_FOUND',
      message: 'No movie with id 9999.',
      issues: [{ path: ['movieId'], message: 'No movie with id 9999.' }],
    })
    expect(await catalog.failure('characters:add', { movieId, name: 'Nobody', actorId: 31 })).toEqual({
      code: 'NOT_FOUND',
      message: 'No person with id 31.',
      issues: [{ path: ['actorId'], message: 'No person with id 31.' }],
    })
    expect(characterCount()).toBe(0)
  })

  it('refuses bad input with field issues and writes nothing', async () => {
    const cases: [unknown, (string | number)[]][] = [
      [{ movieId, name: '   ' }, ['name']],
      [{ movieId }, ['name']],
      [{ name: 'X' }, ['movieId']],
      [{ movieId, name: 'X', role: 'villain' }, ['role']],
      [{ movieId, name: 'X', actorId: 1.5 }, ['actorId']],
      [{ movieId, name: 'X'.repeat(201) }, ['name']],
    ]
    for (const [input, path] of cases) {
      const error = await catalog.failure('characters:add', input)
      expect(error.code, JSON.stringify(input)).toBe('VALIDATION')
      expect(error.issues?.map((issue) => issue.path)).toEqual([path])
    }
    const badRole = await catalog.failure('characters:add', { movieId, name: 'X', role: 'villain' })
    expect(badRole.issues?.[0]?.message).toBe(
      'Role is one of: lead, supporting, cameo, voice, minor, uncredited.',
    )
    expect(characterCount()).toBe(0)
  })
})

describe('characters:update', () => {
  it('changes only the fields present and moves updated_at', async () => {
    const orson = await catalog.call('people:create', { firstName: 'Orson', lastName: 'Welles' })
    const added = await catalog.call('characters:add', {
      movieId,
      name: 'Harry',
      description: 'A racketeer.',
      role: 'lead',
      actorId: orson.id,
    })
    const before = characterRow(added.id)
    await pause(15)

    const renamed = await catalog.call('characters:update', { id: added.id, name: 'Harry Lime' })
    expect(renamed).toEqual({ ...added, name: 'Harry Lime' })
    const after = characterRow(added.id)
    expect(after?.created_at).toEqual(before?.created_at)
    expect(Number(after?.updated_at)).toBeGreaterThan(Number(before?.updated_at))

    const changed = await catalog.call('characters:update', { id: added.id, description: '', role: 'cameo' })
    expect(changed).toEqual({ ...added, name: 'Harry Lime', description: null, role: 'cameo' })

    const unlinked = await catalog.call('characters:update', { id: added.id, actorId: null })
    expect(unlinked.actor).toBeNull()
    expect(characterRow(added.id)).toMatchObject({
      name: 'Harry Lime',
      description: null,
      role: 'cameo',
      actor_id: null,
      movie_id: movieId,
    })
  })

  it('answers NOT_FOUND for a missing character or actor and changes nothing', async () => {
    const added = await catalog.call('characters:add', { movieId, name: 'Harry Lime' })
    expect(await catalog.failure('characters:update', { id: 777, name: 'X' })).toEqual({
      code: 'NOT_FOUND',
      message: 'No character with id 777.',
    })
    expect(
      await catalog.failure('characters:update', { id: added.id, name: 'X', actorId: 55 }),
    ).toMatchObject({
      code: 'NOT_FOUND',
      issues: [{ path: ['actorId'], message: 'No person with id 55.' }],
    })
    expect(characterRow(added.id)).toMatchObject({ name: 'Harry Lime', actor_id: null })
  })

  it('refuses bad input with field issues and changes nothing', async () => {
    const added = await catalog.call('characters:add', { movieId, name: 'Harry Lime' })
    const error = await catalog.failure('characters:update', { id: added.id, name: '', role: 'hero' })
    expect(error.code).toBe('VALIDATION')
    expect(error.issues?.map((issue) => issue.path).sort()).toEqual([['name'], ['role']])
    expect(characterRow(added.id)).toMatchObject({ name: 'Harry Lime', role: 'supporting' })
  })
})

describe('characters:setActor', () => {
  it('links and unlinks the actor', async () => {
    const added = await catalog.call('characters:add', { movieId, name: 'Holly Martins', role: 'lead' })
    const cotten = await catalog.call('people:create', { firstName: 'Joseph', lastName: 'Cotten' })

    const linked = await catalog.call('characters:setActor', { id: added.id, actorId: cotten.id })
    expect(linked).toEqual({
      ...added,
      actor: {
        id: cotten.id,
        firstName: 'Joseph',
        lastName: 'Cotten',
        fullName: 'Joseph Cotten',
        photoUrl: null,
      },
    })
    expect(characterRow(added.id)?.actor_id).toBe(cotten.id)
    expect(await catalog.call('people:usage', { id: cotten.id })).toEqual({
      directedMovies: 0,
      characters: 1,
    })

    const unlinked = await catalog.call('characters:setActor', { id: added.id, actorId: null })
    expect(unlinked).toEqual(added)
    expect(characterRow(added.id)?.actor_id).toBeNull()
  })

  it('answers NOT_FOUND for a missing character or actor, and VALIDATION without actorId', async () => {
    const cotten = await catalog.call('people:create', { lastName: 'Cotten' })
    const added = await catalog.call('characters:add', { movieId, name: 'Holly Martins', actorId: cotten.id })
    expect(await catalog.failure('characters:setActor', { id: 404, actorId: cotten.id })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No character with id 404.',
    })
    expect(await catalog.failure('characters:setActor', { id: added.id, actorId: 404 })).toMatchObject({
      code: 'NOT_FOUND',
      issues: [{ path: ['actorId'] }],
    })
    expect(await catalog.failure('characters:setActor', { id: added.id })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['actorId'] }],
    })
    expect(characterRow(added.id)?.actor_id).toBe(cotten.id)
  })
})

describe('characters:remove', () => {
  it('removes the character and keeps its movie and actor', async () => {
    const orson = await catalog.call('people:create', { firstName: 'Orson', lastName: 'Welles' })
    const lime = await catalog.call('characters:add', { movieId, name: 'Harry Lime', actorId: orson.id })
    const martins = await catalog.call('characters:add', { movieId, name: 'Holly Martins' })

    expect(await catalog.call('characters:remove', { id: lime.id })).toEqual({ deleted: true })
    expect(catalog.sql('select id from character order by id')).toEqual([{ id: martins.id }])
    expect(catalog.sql('select id from movie')).toEqual([{ id: movieId }])
    expect((await catalog.call('people:get', { id: orson.id })).filmography.played).toBe(0)

    expect(await catalog.failure('characters:remove', { id: lime.id })).toEqual({
      code: 'NOT_FOUND',
      message: `No character with id ${lime.id}.`,
    })
  })
})
