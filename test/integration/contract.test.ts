import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/db/open-database.ts'
import { openReadConnection, type ReadConnection } from '../../src-main/db/read-connection.ts'
import { FileStore } from '../../src-main/files/file-store.ts'
import { handlers } from '../../src-main/ipc/all-handlers.ts'
import { createDispatcher } from '../../src-main/ipc/dispatcher.ts'
import { channels, contract, DATA_DOMAINS } from '../../src-shared/contract.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'
import { settled } from '../support/transfer.ts'

const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** True when a value is plain JSON all the way down: what both IPC and the harness carry unchanged. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value)
  if (Array.isArray(value)) return value.every(isPlainJson)
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as object).every(isPlainJson)
  }
  return false
}

describe('the contract', () => {
  it('has a zod schema and a handler for every channel, and no handler without a channel', () => {
    expect(channels.length).toBeGreaterThan(30)
    expect(Object.keys(handlers).sort()).toEqual([...channels].sort())
    for (const channel of channels) {
      expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/)
      expect(typeof contract[channel].input.safeParse).toBe('function')
      // A handler; a staged one (work on bytes before the call's turn, then a commit in it); or, for a query,
      // one answered on the read connection.
      const handler: unknown = handlers[channel]
      if (typeof handler !== 'function') {
        expect(handler).toEqual(
          contract[channel].kind === 'query'
            ? { read: expect.any(Function) }
            : { prepare: expect.any(Function), commit: expect.any(Function) },
        )
      }
    }
  })
})

describe('the dispatcher', () => {
  let catalog: TestCatalog
  beforeEach(async () => {
    catalog = await openTestCatalog()
  })
  afterEach(async () => {
    await catalog.close()
  })

  const rowCounts = () =>
    ['user', 'file', 'movie', 'person', 'character', 'genre', 'country', 'favorite_movie', 'movie_genre'].map(
      (table) => catalog.sql<{ n: number }>(`select count(*) n from \`${table}\``)[0]?.n,
    )

  it('answers VALIDATION to malformed input on every channel and changes nothing', async () => {
    await catalog.call('users:register', {
      username: 'ada',
      email: 'ada@example.com',
      password: 'correct horse',
    })
    const before = rowCounts()
    for (const channel of channels) {
      for (const input of [42, 'text', null, [1, 2]]) {
        const result = await catalog.runtime.dispatch(channel, input)
        expect(result, `${channel} with ${JSON.stringify(input)}`).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION' },
        })
      }
    }
    expect(rowCounts()).toEqual(before)
  })

  it('names the fields at fault', async () => {
    const result = await catalog.runtime.dispatch('users:register', {
      username: 'x',
      email: 'nope',
      password: 'short',
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('VALIDATION')
    expect(result.error.issues?.map((issue) => issue.path[0]).sort()).toEqual([
      'email',
      'password',
      'username',
    ])
  })

  it('treats input exactly as JSON carries it, whichever transport brought it', async () => {
    const person = await catalog.call('people:create', {
      firstName: 'Agnès',
      lastName: 'Varda',
      gender: 'female',
      dateOfBirth: '1928-05-30',
    })
    // Electron's structured clone keeps keys whose value is undefined; JSON drops them. Both mean "not sent".
    const updated = await catalog.runtime.dispatch('people:update', {
      id: person.id,
      biography: 'Photographer, then film-maker.',
      gender: undefined,
      dateOfBirth: undefined,
    })
    expect(updated).toMatchObject({ ok: true, value: { gender: 'female', dateOfBirth: '1928-05-30' } })
    const movie = await catalog.call('movies:create', { title: 'Cléo from 5 to 7' })
    const character = await catalog.call('characters:add', { movieId: movie.id, name: 'Cléo' })
    expect(
      await catalog.runtime.dispatch('characters:update', {
        id: character.id,
        name: undefined,
        role: 'lead',
      }),
    ).toMatchObject({
      ok: true,
      value: { name: 'Cléo', role: 'lead' },
    })
    // A Date travels as its ISO string, which is not a calendar date: a clear VALIDATION, never INTERNAL.
    expect(
      await catalog.runtime.dispatch('movies:create', { title: 'X', releaseDate: new Date() }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['releaseDate'] }] },
    })
    expect(await catalog.runtime.dispatch('movies:create', { title: 'X', budget: 10n })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
  })

  it('refuses the NUL character in any text, naming the field, and writes nothing', async () => {
    const before = rowCounts()
    for (const [channel, input, path] of [
      ['movies:create', { title: '\u0000nul' }, ['title']],
      [
        'users:register',
        { username: 'ann', email: 'ann@example.com', password: 'long enough', firstName: 'A\u0000b' },
        ['firstName'],
      ],
      ['files:upload', { fileName: 'a\u0000.png', dataBase64: ONE_PIXEL_PNG }, ['fileName']],
      ['genres:create', { name: 'x\u0000' }, ['name']],
      ['movies:list', { genreIds: [1], text: 'a\u0000' }, ['text']],
    ] as const) {
      expect(await catalog.runtime.dispatch(channel, input), channel).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', issues: [{ path }] },
      })
    }
    expect(rowCounts()).toEqual(before)
    expect(await catalog.runtime.fileStore.listKeys()).toEqual([])
  })

  it('refuses a page cursor holding a number JSON cannot carry', async () => {
    const cursor = Buffer.from('[1e400, 1]').toString('base64url')
    expect(await catalog.runtime.dispatch('movies:list', { sort: 'budget', cursor })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: ['cursor'] }] },
    })
  })

  it('refuses a page cursor holding text SQL cannot carry, on every paged list, and answers no INTERNAL', async () => {
    await catalog.call('users:register', {
      username: 'ada',
      email: 'ada@example.com',
      password: 'correct horse',
    })
    const cursorOf = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url')
    // The very cursor the audit sent: ["\u0000",1].
    expect(cursorOf(['\u0000', 1])).toBe('WyJcdTAwMDAiLDFd')
    const cases = [
      ['movies:list', {}, ['\u0000', 1]],
      ['movies:list', { sort: 'releaseDate' }, ['1999\u0000', 1]],
      ['movies:list', {}, ['\ud800', 1]],
      ['people:list', {}, ['\u0000', null, 1]],
      ['people:list', {}, ['varda', '\udfff', 1]],
      ['favorites:list', {}, ['\u0000', 1]],
      ['favorites:list', {}, ['\ud83d', 1]],
    ] as const
    for (const [channel, query, values] of cases) {
      const answer = await catalog.runtime.dispatch(channel, { ...query, cursor: cursorOf([...values]) })
      expect(answer, `${channel} ${JSON.stringify(values)}`).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'The page position is not valid; start again from the first page.',
          issues: [{ path: ['cursor'], message: expect.any(String) }],
        },
      })
    }
  })

  it('refuses a number JSON cannot carry on every channel, naming the field, and never stores it as null', async () => {
    const movie = await catalog.call('movies:create', { title: 'Playtime', budget: 1_000_000 })
    const before = rowCounts()
    const cases = [
      ['movies:update', { id: movie.id, budget: Number.NaN }, ['budget']],
      ['movies:update', { id: movie.id, durationSeconds: Number.POSITIVE_INFINITY }, ['durationSeconds']],
      ['movies:create', { title: 'X', budget: Number.NEGATIVE_INFINITY }, ['budget']],
      ['movies:list', { genreIds: [1, Number.NaN] }, ['genreIds', 1]],
      ['movies:list', { limit: Number.POSITIVE_INFINITY }, ['limit']],
      ['people:get', { id: Number.NaN }, ['id']],
    ] as const
    for (const [channel, input, path] of cases) {
      expect(
        await catalog.runtime.dispatch(channel, input),
        `${channel} ${String(Object.values(input))}`,
      ).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: `${path.join('.')}: Must be a finite number.`,
          issues: [{ path, message: 'Must be a finite number.' }],
        },
      })
    }
    expect(rowCounts()).toEqual(before)
    expect(catalog.sql('select budget, duration from movie where id = ?', movie.id)).toEqual([
      { budget: 1_000_000, duration: null },
    ])
  })

  it('refuses text that is not well-formed Unicode (a lone surrogate), naming the field, and stores nothing', async () => {
    const before = rowCounts()
    const cases = [
      ['people:create', { firstName: 'Agn\ud800s', lastName: 'Varda' }, ['firstName']],
      ['movies:create', { title: 'Playtime \udc00' }, ['title']],
      ['genres:create', { name: '\udbff' }, ['name']],
      ['movies:list', { text: 'a\ud800b' }, ['text']],
    ] as const
    for (const [channel, input, path] of cases) {
      expect(await catalog.runtime.dispatch(channel, input), channel).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: `${path[0]}: Text holds a broken character (an unpaired UTF-16 surrogate).`,
          issues: [{ path, message: 'Text holds a broken character (an unpaired UTF-16 surrogate).' }],
        },
      })
    }
    expect(rowCounts()).toEqual(before)
    // A character outside the Basic Multilingual Plane is a surrogate pair, and well-formed: stored and echoed alike.
    const person = await catalog.call('people:create', { firstName: 'Zoë 🎬', lastName: 'Varda' })
    expect(person.firstName).toBe('Zoë 🎬')
    expect(catalog.sql('select first_name from person where id = ?', person.id)).toEqual([
      { first_name: 'Zoë 🎬' },
    ])
  })

  it('refuses unknown channels', async () => {
    for (const channel of ['movies:explode', 'constructor', '__proto__', 42, null]) {
      expect(await catalog.runtime.dispatch(channel, {})).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    }
  })

  it('answers with an envelope, never a throw, whatever the channel and input are', async () => {
    const before = rowCounts()
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    const throwingGetter = Object.defineProperty({}, 'name', {
      enumerable: true,
      get() {
        throw new Error('read me and weep')
      },
    })
    const channels: unknown[] = [
      { toString: 1 },
      { toString: () => 'movies:list' },
      Symbol('movies:list'),
      Object.create(null),
      revoked.proxy,
      () => 'movies:list',
    ]
    for (const channel of channels) {
      const answer = catalog.runtime.dispatch(channel, {})
      expect(answer).toBeInstanceOf(Promise)
      expect(await answer).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } })
    }
    for (const input of [revoked.proxy, throwingGetter, { toJSON: 1 }]) {
      expect(await catalog.runtime.dispatch('genres:create', input)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      })
    }
    expect(rowCounts()).toEqual(before)
  })

  it('returns only plain JSON that survives structuredClone and a JSON round trip unchanged', async () => {
    const { call } = catalog
    const user = await call('users:register', {
      username: 'ada',
      email: 'ada@example.com',
      password: 'correct horse',
    })
    const file = await call('files:upload', { fileName: 'poster.png', dataBase64: ONE_PIXEL_PNG })
    const genres = await call('genres:list', {})
    const countries = await call('countries:list', {})
    const person = await call('people:create', {
      firstName: 'Agnès',
      lastName: 'Varda',
      dateOfBirth: '1928-05-30',
    })
    const movie = await call('movies:create', {
      title: 'Cléo from 5 to 7',
      directorId: person.id,
      posterFileId: file.id,
      releaseDate: '1962-04-11',
      genreIds: [genres[0]!.id],
      countryId: countries[0]!.id,
    })
    const character = await call('characters:add', { movieId: movie.id, name: 'Cléo', actorId: person.id })
    const values: unknown[] = [
      user,
      file,
      genres,
      countries,
      person,
      movie,
      character,
      await call('favorites:add', { movieId: movie.id }),
      await call('favorites:list', {}),
      await call('movies:get', { id: movie.id }),
      await call('movies:list', {}),
      await call('people:get', { id: person.id }),
      await call('people:list', {}),
      await call('people:usage', { id: person.id }),
      await call('files:usage', { id: file.id }),
      await call('search:all', { text: 'cleo' }),
      await call('users:current', {}),
      await call('users:profiles', {}),
    ]
    for (const value of values) {
      expect(isPlainJson(value), JSON.stringify(value)).toBe(true)
      expect(structuredClone(value)).toEqual(value)
      expect(JSON.parse(JSON.stringify(value))).toEqual(value)
      expect(JSON.stringify(value)).not.toMatch(/password|scrypt/i)
    }
  })

  it('announces data changes after commands, naming the domains the contract declares', async () => {
    const seen: unknown[] = []
    const unsubscribe = catalog.runtime.onEvent((name, payload) => seen.push({ name, payload }))
    await catalog.call('genres:create', { name: 'Giallo' })
    expect(seen).toEqual([{ name: 'data:changed', payload: { domains: ['genres'] } }])
    const movie = await catalog.call('movies:create', { title: 'Deep Red' })
    await catalog.call('movies:delete', { id: movie.id })
    expect(seen.at(-1)).toEqual({
      name: 'data:changed',
      payload: { domains: ['movies', 'characters', 'favorites', 'files'] },
    })
    // A failed command changed nothing, so it announces nothing.
    const before = seen.length
    await catalog.failure('genres:create', { name: 'giallo' })
    expect(seen).toHaveLength(before)
    unsubscribe()
    await catalog.call('genres:create', { name: 'Wuxia' })
    expect(seen).toHaveLength(before)
  })

  it('never announces a change after a query, on any query channel', async () => {
    await catalog.call('users:register', {
      username: 'ada',
      email: 'ada@example.com',
      password: 'correct horse',
    })
    const file = await catalog.call('files:upload', { fileName: 'poster.png', dataBase64: ONE_PIXEL_PNG })
    const person = await catalog.call('people:create', { lastName: 'Varda' })
    const movie = await catalog.call('movies:create', { title: 'Cléo', directorId: person.id })
    const [genre] = await catalog.call('genres:list', {})
    const [country] = await catalog.call('countries:list', {})
    const task = await settled(catalog, await catalog.call('transfer:check', {}))
    const seen: unknown[] = []
    catalog.runtime.onEvent((name, payload) => seen.push({ name, payload }))

    // Every query the contract declares, with an input it accepts; a new query must be added here.
    const queryInputs: Record<string, unknown> = {
      'movies:get': { id: movie.id },
      'movies:list': { text: 'cle', favoritesOnly: true },
      'movies:usage': { id: movie.id },
      'movies:facets': { text: 'cle', favoritesOnly: true },
      'people:get': { id: person.id },
      'people:filmography': { personId: person.id, part: 'directed' },
      'people:list': { text: 'var' },
      'people:usage': { id: person.id },
      'genres:list': {},
      'genres:usage': { id: genre!.id },
      'countries:list': {},
      'countries:usage': { id: country!.id },
      'users:current': {},
      'users:profiles': {},
      'favorites:list': {},
      'search:all': { text: 'c' },
      'stats:summary': {},
      'files:get': { id: file.id },
      'files:usage': { id: file.id },
      'tasks:list': {},
      'tasks:get': { taskId: task.taskId },
      'backups:list': {},
    }
    const queries = channels.filter((channel) => contract[channel].kind === 'query')
    expect(queries.sort()).toEqual(Object.keys(queryInputs).sort())
    for (const channel of queries) {
      expect(await catalog.runtime.dispatch(channel, queryInputs[channel]), channel).toMatchObject({
        ok: true,
      })
    }
    expect(seen).toEqual([])
  })

  it('declares for every command at least one domain it changes, and only known domains', () => {
    for (const channel of channels) {
      const spec = contract[channel]
      if (spec.kind === 'query') continue
      expect(spec.changes.length, channel).toBeGreaterThan(0)
      for (const domain of spec.changes) expect(DATA_DOMAINS, channel).toContain(domain)
    }
  })
})

describe('unexpected failures', () => {
  let dataDir: string
  let reads: ReadConnection | null = null
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'catalog-dispatch-'))
  })
  afterEach(async () => {
    reads?.close()
    reads = null
    await rm(dataDir, { recursive: true, force: true })
  })
  /** The catalogue opened as the runtime opens it: the ORM on the write connection, and the read connection. */
  const openCatalogue = async () => {
    const { orm, databasePath } = await openDatabase(dataDir)
    reads = openReadConnection(databasePath)
    return { orm, reads, writes: await orm.em.getConnection().getNativeClient() }
  }

  it('never cut short a call already running: draining waits for it, then refuses new ones', async () => {
    const { orm, reads, writes } = await openCatalogue()
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const dispatcher = createDispatcher({
      orm,
      writes,
      reads,
      handlers: {
        ...handlers,
        'genres:create': async (input, ctx) => {
          await held
          return handlers['genres:create'](input, ctx)
        },
      },
      session: { userId: null },
      files: new FileStore(join(dataDir, 'files')),
      logger: { error: () => {}, warn: () => {}, info: () => {} },
      onDataChanged: () => {},
    })
    const inFlight = dispatcher.dispatch('genres:create', { name: 'Giallo' })
    let drained = false
    const draining = dispatcher.drain().then(() => {
      drained = true
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(drained).toBe(false)
    expect(await dispatcher.dispatch('genres:list', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })

    release()
    expect(await inFlight).toMatchObject({ ok: true, value: { name: 'Giallo' } })
    await draining
    expect(drained).toBe(true)
    expect(await orm.em.getConnection().execute("select name from genre where name = 'Giallo'")).toEqual([
      { name: 'Giallo' },
    ])
    await orm.close()
  })

  it('answer a query on the read connection while a write is in the middle of its transaction, with what was committed', async () => {
    const { orm, reads, writes } = await openCatalogue()
    const halfway = Promise.withResolvers<void>()
    const finish = Promise.withResolvers<void>()
    const dispatcher = createDispatcher({
      orm,
      writes,
      reads,
      handlers: {
        ...handlers,
        // A long write, an import's say: its first movie is written, the rest still to come.
        'movies:create': async (input, ctx) => {
          const created = await handlers['movies:create'](input, ctx)
          halfway.resolve()
          await finish.promise
          return created
        },
      },
      session: { userId: null },
      files: new FileStore(join(dataDir, 'files')),
      logger: { error: () => {}, warn: () => {}, info: () => {} },
      onDataChanged: () => {},
    })
    const writing = dispatcher.dispatch('movies:create', { title: 'Playtime' })
    await halfway.promise

    // Neither waits for the write, nor sees half of it; a queued query waits its turn as before.
    expect(await dispatcher.dispatch('movies:list', {})).toEqual({
      ok: true,
      value: { items: [], total: 0, nextCursor: null },
    })
    expect(await dispatcher.dispatch('search:all', { text: 'play' })).toMatchObject({
      ok: true,
      value: { movies: [] },
    })
    let queuedAnswered = false
    const queued = dispatcher.dispatch('genres:usage', { id: 1 }).then((result) => {
      queuedAnswered = true
      return result
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(queuedAnswered).toBe(false)

    finish.resolve()
    expect(await writing).toMatchObject({ ok: true, value: { title: 'Playtime' } })
    expect(await queued).toMatchObject({ ok: true })
    expect(await dispatcher.dispatch('movies:list', {})).toMatchObject({ ok: true, value: { total: 1 } })
    await dispatcher.drain()
    await orm.close()
  })

  it('roll back what a call wrote by prepared statements: they run in its transaction', async () => {
    const { orm, reads, writes } = await openCatalogue()
    const dispatcher = createDispatcher({
      orm,
      writes,
      reads,
      handlers: {
        ...handlers,
        'movies:create': async (input, ctx) => {
          await handlers['movies:create'](input, ctx)
          throw new TypeError('after the insert')
        },
      },
      session: { userId: null },
      files: new FileStore(join(dataDir, 'files')),
      logger: { error: () => {}, warn: () => {}, info: () => {} },
      onDataChanged: () => {},
    })
    expect(await dispatcher.dispatch('movies:create', { title: 'Playtime', genreIds: [1] })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
    const connection = orm.em.getConnection()
    expect(await connection.execute('select id from movie')).toEqual([])
    expect(await connection.execute('select movie_id from movie_genre')).toEqual([])
    expect(
      await connection.execute(`select rowid from movie_search where movie_search match '"playtime"'`),
    ).toEqual([])
    await dispatcher.drain()
    await orm.close()
  })

  it('never hand SQLite a value it cannot carry: a derived value that skipped the boundary is refused first', async () => {
    const { orm, reads, writes } = await openCatalogue()
    const logged: unknown[][] = []
    const dispatcher = createDispatcher({
      orm,
      writes,
      reads,
      handlers: {
        ...handlers,
        // A service that builds a value from its input without the boundary's checks.
        'genres:create': async (input, ctx) => {
          await ctx.em.execute(
            'insert into genre (name, name_key, created_at, updated_at) values (?, ?, 1, 1)',
            [input.name, `${input.name}\u0000`],
          )
          return handlers['genres:create'](input, ctx)
        },
      },
      session: { userId: null },
      files: new FileStore(join(dataDir, 'files')),
      logger: { error: (...args) => logged.push(args), warn: () => {}, info: () => {} },
      onDataChanged: () => {},
    })
    expect(await dispatcher.dispatch('genres:create', { name: 'Giallo' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Text may not contain the NUL character.' },
    })
    expect(logged).toEqual([])
    expect(await orm.em.getConnection().execute("select * from genre where name = 'Giallo'")).toEqual([])
    await expect(orm.em.getConnection().execute('select ? as x', [Number.NaN])).rejects.toThrow(
      /finite number/,
    )
    await expect(orm.em.getConnection().execute('select ? as x', ['\ud800'])).rejects.toThrow(
      /broken character/,
    )
    await dispatcher.drain()
    await orm.close()
  })

  it('never hold the queue or a transaction for an upload’s work on bytes; draining still waits for it', async () => {
    const { orm, reads, writes } = await openCatalogue()
    const working = Promise.withResolvers<void>()
    const finishWork = Promise.withResolvers<void>()
    const upload = handlers['files:upload']
    const dispatcher = createDispatcher({
      orm,
      writes,
      reads,
      handlers: {
        ...handlers,
        'files:upload': {
          // Decoding and re-encoding a large image takes a while; here it takes until the test says so.
          prepare: async (input, ctx) => {
            working.resolve()
            await finishWork.promise
            return upload.prepare(input, ctx)
          },
          commit: upload.commit,
        },
      },
      session: { userId: null },
      files: new FileStore(join(dataDir, 'files')),
      logger: { error: () => {}, warn: () => {}, info: () => {} },
      onDataChanged: () => {},
    })
    const uploading = dispatcher.dispatch('files:upload', {
      fileName: 'poster.png',
      dataBase64: ONE_PIXEL_PNG,
    })
    await working.promise

    // Meanwhile other calls take their turn, write and commit: nothing holds the queue or the connection.
    expect(await dispatcher.dispatch('genres:create', { name: 'Giallo' })).toMatchObject({ ok: true })
    expect(await dispatcher.dispatch('genres:list', {})).toMatchObject({ ok: true })
    const connection = orm.em.getConnection()
    expect(await connection.execute("select name from genre where name = 'Giallo'")).toEqual([
      { name: 'Giallo' },
    ])
    expect(await connection.execute('select id from file')).toEqual([])

    let drained = false
    const draining = dispatcher.drain().then(() => {
      drained = true
    })
    await new Promise((resolve) => setImmediate(resolve))
    expect(drained).toBe(false)

    finishWork.resolve()
    expect(await uploading).toMatchObject({ ok: true, value: { fileName: 'poster.png' } })
    await draining
    expect(await connection.execute('select file_name from file')).toEqual([{ file_name: 'poster.png' }])
    await orm.close()
  })

  it('are logged with their stack and answered INTERNAL without it, rolling back what the call wrote', async () => {
    const { orm, reads, writes } = await openCatalogue()
    const logged: unknown[][] = []
    const dispatcher = createDispatcher({
      orm,
      writes,
      reads,
      handlers: {
        ...handlers,
        'genres:create': async (input, ctx) => {
          await handlers['genres:create'](input, ctx)
          throw new TypeError('boom at the worst moment')
        },
      },
      session: { userId: null },
      files: new FileStore(join(dataDir, 'files')),
      logger: { error: (...args) => logged.push(args), warn: () => {}, info: () => {} },
      onDataChanged: () => {},
    })
    const result = await dispatcher.dispatch('genres:create', { name: 'Giallo' })
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.not.stringMatching(/boom|at |\.ts/) },
    })
    expect(logged).toHaveLength(1)
    const [, loggedError] = logged[0] ?? []
    expect((loggedError as Error).stack).toMatch(/boom at the worst moment/)
    expect(await orm.em.getConnection().execute("select * from genre where name = 'Giallo'")).toEqual([])
    await dispatcher.drain()
    expect(await dispatcher.dispatch('genres:list', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    })
    await orm.close()
  })
})
