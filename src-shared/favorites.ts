import { z } from 'zod'
import { Id, type Page, PageRequest } from './common.ts'
import { out } from './contract-kit.ts'
import type { MovieListItem } from './movies.ts'

export const FavoriteChange = z.object({ movieId: Id })

/** Favorites always belong to the signed-in user; no call takes a user id. */
export const favoriteChannels = {
  'favorites:add': {
    kind: 'command',
    input: FavoriteChange,
    output: out<{ movieId: number; isFavorite: true }>(),
    changes: ['favorites'],
  },
  'favorites:remove': {
    kind: 'command',
    input: FavoriteChange,
    output: out<{ movieId: number; isFavorite: false }>(),
    changes: ['favorites'],
  },
  'favorites:list': { kind: 'query', input: PageRequest, output: out<Page<MovieListItem>>() },
} as const
