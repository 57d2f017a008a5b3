import type { Channel } from '../../../src-shared/contract.ts'

/**
 * A command that changes only the movies it names (their rows, genre links, favorites, characters), so that
 * what main keeps about the catalogue (see DerivedCache) can follow it movie by movie instead of being counted
 * again: `named` are the movies as the input names them, asked about before the command runs; `changed`, once it
 * has run, every movie it changed (a new movie's id is only known then).
 */
export interface MovieEdit {
  named(input: unknown): number[]
  changed(input: unknown, output: unknown): number[]
}

const idOf = (value: unknown, field: 'id' | 'movieId') => [(value as Record<typeof field, number>)[field]]

const ONE_MOVIE: MovieEdit = { named: (input) => idOf(input, 'id'), changed: (input) => idOf(input, 'id') }
const ONE_FAVORITE: MovieEdit = {
  named: (input) => idOf(input, 'movieId'),
  changed: (input) => idOf(input, 'movieId'),
}

const MOVIE_EDITS: Partial<Record<Channel, MovieEdit>> = {
  'movies:create': { named: () => [], changed: (_input, output) => idOf(output, 'id') },
  'movies:update': ONE_MOVIE,
  'movies:delete': ONE_MOVIE,
  'favorites:add': ONE_FAVORITE,
  'favorites:remove': ONE_FAVORITE,
}

/** How `channel` changes movies, when it changes only those it names; undefined when it can change any. */
export const movieEditOf = (channel: Channel): MovieEdit | undefined => MOVIE_EDITS[channel]
