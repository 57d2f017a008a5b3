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

/** A command about the one movie its input names in `field`, before it runs and after. */
const oneMovieIn = (field: 'id' | 'movieId'): MovieEdit => ({
  named: (input) => idOf(input, field),
  changed: (input) => idOf(input, field),
})

const MOVIE_EDITS: Partial<Record<Channel, MovieEdit>> = {
  'movies:create': { named: () => [], changed: (_input, output) => idOf(output, 'id') },
  'movies:update': oneMovieIn('id'),
  'movies:delete': oneMovieIn('id'),
  'favorites:add': oneMovieIn('movieId'),
  'favorites:remove': oneMovieIn('movieId'),
}

/** How `channel` changes movies, when it changes only those it names; undefined when it can change any. */
export const movieEditOf = (channel: Channel): MovieEdit | undefined => MOVIE_EDITS[channel]
