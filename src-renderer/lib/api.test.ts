import { describe, expect, expectTypeOf, test } from 'vitest'
import type { CatalogBridge } from '../../src-shared/bridge.ts'
import type { Envelope } from '../../src-shared/errors.ts'
import { AppError } from '../../src-shared/errors.ts'
import type { MoviePage } from '../../src-shared/movies.ts'
import { createApi } from './api.ts'

const page: MoviePage = { items: [], total: 0, nextCursor: null }

/** A bridge that answers every call with `envelope` and remembers what it was asked. */
const recordingBridge = (envelope: Envelope<unknown>) => {
  const calls: { channel: string; input: unknown }[] = []
  const bridge: CatalogBridge = {
    invoke: async (channel, input) => {
      calls.push({ channel, input })
      return envelope
    },
    on: () => () => {},
  }
  return { bridge, calls }
}

describe('the api client built from the contract', () => {
  test('sends domain:verb with the input and resolves the value', async () => {
    const { bridge, calls } = recordingBridge({ ok: true, value: page })
    const api = createApi(() => bridge)

    await expect(api.movies.list({ sort: 'title' })).resolves.toEqual(page)
    expect(calls).toEqual([{ channel: 'movies:list', input: { sort: 'title' } }])
  })

  test('has a method for every channel, and calls without input need no argument', async () => {
    const { bridge, calls } = recordingBridge({ ok: true, value: null })
    const api = createApi(() => bridge)

    await api.users.current()
    expect(calls).toEqual([{ channel: 'users:current', input: undefined }])
    expect(typeof api.files.upload).toBe('function')
    expect(typeof api.genres.list).toBe('function')
  })

  test('throws an AppError with the code, message and field issues of a failed call', async () => {
    const issues = [{ path: ['title'], message: 'Title is required.' }]
    const { bridge } = recordingBridge({
      ok: false,
      error: { code: 'VALIDATION', message: 'Invalid.', issues },
    })
    const api = createApi(() => bridge)

    const failure = await api.movies.create({ title: '' }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppError)
    expect(failure).toMatchObject({ code: 'VALIDATION', message: 'Invalid.', issues })
  })

  test('types each method from its channel', () => {
    const api = createApi(() => recordingBridge({ ok: true, value: null }).bridge)
    expectTypeOf(api.movies.list).returns.resolves.toEqualTypeOf<MoviePage>()
    expectTypeOf(api.movies.get).parameter(0).toEqualTypeOf<{ id: number }>()
    // @ts-expect-error: no such channel in the contract
    expect(api.movies.rate).toBeUndefined()
  })
})
