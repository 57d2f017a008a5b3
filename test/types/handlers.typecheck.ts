// Checked by `npm run typecheck`, never run: proves the handler map is exhaustive and exactly typed.
// If a line marked @ts-expect-error stopped being an error, tsc would fail on the unused directive.

import { handlers } from '../../src-main/ipc/all-handlers.ts'
import type { DomainHandlers, Handlers } from '../../src-main/ipc/handlers.ts'

const { 'genres:list': _dropped, ...withoutOne } = handlers
// @ts-expect-error a channel without a handler does not compile
export const incomplete: Handlers = withoutOne

export const wrongOutput: DomainHandlers<'genres'> = {
  ...handlers,
  // @ts-expect-error a handler returning the wrong DTO does not compile
  'genres:list': async () => [{ id: 1, title: 'not a genre' }],
}

export const wrongInput: DomainHandlers<'movies'> = {
  ...handlers,
  // @ts-expect-error a handler expecting another channel's input does not compile
  'movies:delete': async (input: { username: string }) =>
    handlers['movies:delete']({ id: Number(input.username) } as never, undefined as never),
}

export const commandOnTheReadConnection: DomainHandlers<'movies'> = {
  ...handlers,
  // @ts-expect-error a command is never answered on the read connection
  'movies:delete': { read: () => ({ characters: 0, genres: 0, favorites: 0 }) },
}

export const asyncRead: DomainHandlers<'movies'> = {
  ...handlers,
  // @ts-expect-error a read runs whole in one read transaction: it cannot await anything
  'movies:facets': { read: async () => handlers['movies:facets'] },
}
