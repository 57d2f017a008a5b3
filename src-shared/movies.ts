import { z } from 'zod'
import type { CharacterDto } from './characters.ts'
import {
  ById,
  ExpectedUpdatedAt,
  type FileDto,
  Id,
  IsoDate,
  type NamedRef,
  optionalText,
  type Page,
  PageRequest,
  requiredName,
} from './common.ts'
import { out } from './contract-kit.ts'

const MAX_SECONDS = 100 * 24 * 3600

/**
 * When a film came out, as precisely as it is known: a full date (`2001-07-20`) or a year alone (`2001`).
 * Many films are known only by their year, and imports bring years; a year is kept as a year, so the app
 * never shows an invented 1 January.
 */
export const ReleaseDate = z.union([IsoDate, z.string().regex(/^\d{4}$/)], {
  error: 'Use a date like 2001-07-20, or a year like 2001.',
})

/** True when a release date is a year alone. */
export const isYearOnly = (releaseDate: string): boolean => releaseDate.length === 4

const movieFields = {
  title: requiredName('Title', 300),
  description: optionalText(20_000),
  budget: z
    .number()
    .int('Budget is a whole amount.')
    .min(0, 'Budget cannot be negative.')
    .max(Number.MAX_SAFE_INTEGER)
    .nullish(),
  releaseDate: ReleaseDate.nullish(),
  durationSeconds: z
    .number()
    .int('Duration is whole seconds.')
    .min(0, 'Duration cannot be negative.')
    .max(MAX_SECONDS)
    .nullish(),
  directorId: Id.nullish(),
  countryId: Id.nullish(),
  posterFileId: Id.nullish(),
  genreIds: z
    .array(Id)
    .max(50)
    .transform((ids) => [...new Set(ids)]),
}

export const MovieDraft = z.object({ ...movieFields, genreIds: movieFields.genreIds.default([]) })

/** Only the fields present change; `expectedUpdatedAt` turns a concurrent edit into CONFLICT instead of a silent overwrite. */
export const MovieUpdate = z.object({
  id: Id,
  expectedUpdatedAt: ExpectedUpdatedAt,
  ...z.object(movieFields).partial().shape,
})

export const MOVIE_SORTS = ['title', 'releaseDate', 'budget', 'duration', 'createdAt'] as const
export type MovieSort = (typeof MOVIE_SORTS)[number]

/** What narrows the list of movies; every combination can be asked of the list and of its facets. */
const movieFilterFields = {
  text: z.string().trim().max(200).optional(),
  /** Several genres narrow the list: a movie must have all of them. */
  genreIds: z.array(Id).max(50).optional(),
  countryId: Id.optional(),
  directorId: Id.optional(),
  yearFrom: z.number().int().min(1800).max(3000).optional(),
  yearTo: z.number().int().min(1800).max(3000).optional(),
  favoritesOnly: z.boolean().optional(),
}

const yearsInOrder = {
  check: (q: { yearFrom?: number | undefined; yearTo?: number | undefined }) =>
    q.yearFrom === undefined || q.yearTo === undefined || q.yearFrom <= q.yearTo,
  params: { message: 'The first year must not be after the last.', path: ['yearTo'] },
}

export const MovieFilters = z.object(movieFilterFields).refine(yearsInOrder.check, yearsInOrder.params)

/**
 * One window of the filtered, sorted list: either the page after `cursor` (scrolling on), or the page
 * starting at `position` (0-based; jumping anywhere, as a dragged scrollbar does). Not both.
 */
export const MovieListQuery = PageRequest.extend({
  ...movieFilterFields,
  position: z.number().int().min(0).max(100_000_000).optional(),
  sort: z.enum(MOVIE_SORTS).default('title'),
  direction: z.enum(['asc', 'desc']).default('asc'),
})
  .refine(yearsInOrder.check, yearsInOrder.params)
  .refine((q) => q.position === undefined || !q.cursor, {
    message: 'Ask for a position or a cursor, not both.',
    path: ['position'],
  })

export interface PersonRef {
  id: number
  firstName: string | null
  lastName: string | null
  fullName: string
  /** A small version of their photo, for lists and cast rows. */
  photoUrl: string | null
}

export interface MovieListItem {
  id: number
  title: string
  /** `2001-07-20`, or `2001` when only the year is known. */
  releaseDate: string | null
  durationSeconds: number | null
  budget: number | null
  /** The image's thumbnail (see FileDto.thumbUrl), small enough for a list. */
  posterUrl: string | null
  directorId: number | null
  directorName: string | null
  /** Whether the signed-in profile has it among their favorites; false when nobody is signed in. */
  isFavorite: boolean
  createdAt: string
}

export interface MovieDetail {
  id: number
  title: string
  description: string | null
  budget: number | null
  releaseDate: string | null
  durationSeconds: number | null
  director: PersonRef | null
  country: NamedRef | null
  poster: FileDto | null
  genres: NamedRef[]
  cast: CharacterDto[]
  /** Whether the signed-in user has it among their favorites; false when nobody is signed in. */
  isFavorite: boolean
  createdAt: string
  updatedAt: string
}

export type MoviePage = Page<MovieListItem>

/** One choice of a filter and how many movies the list would show with it. */
export interface FacetCount {
  id: number
  name: string
  count: number
}

/**
 * How many movies each filter choice would leave under the current search and the other filters. Genres
 * narrow (a movie must have all chosen), so a genre's count is the list's size with that genre added; a
 * country's, a director's and the years' counts ignore their own filter, as choosing another replaces it.
 */
export interface MovieFacets {
  /** Movies matching every filter: the list's size. */
  total: number
  /** Genres with at least one movie (and every chosen genre), by name. */
  genres: FacetCount[]
  /** Countries with at least one movie, by name. */
  countries: FacetCount[]
  /**
   * The directors with the most movies under the other filters (at most 50), most first; a chosen director
   * who is not among them comes after them, with their count, so the choice stays visible.
   */
  directors: FacetCount[]
  /** Movies per release year, for years that have any, ascending; unknown years are not counted. */
  years: { year: number; count: number }[]
  /** Of the movies matching the other filters, how many are the signed-in profile's favorites. */
  favorites: number
}

/** What deleting a movie takes with it, shown before asking. */
export interface MovieUsage {
  characters: number
  genres: number
  /** Across every profile: another person's favorite goes too. */
  favorites: number
}

export const movieChannels = {
  'movies:create': { kind: 'command', input: MovieDraft, output: out<MovieDetail>(), changes: ['movies'] },
  'movies:update': { kind: 'command', input: MovieUpdate, output: out<MovieDetail>(), changes: ['movies'] },
  'movies:usage': { kind: 'query', input: ById, output: out<MovieUsage>() },
  'movies:delete': {
    kind: 'command',
    input: ById,
    output: out<MovieUsage>(),
    changes: ['movies', 'characters', 'favorites', 'files'],
  },
  'movies:get': { kind: 'query', input: ById, output: out<MovieDetail>() },
  'movies:list': { kind: 'query', input: MovieListQuery, output: out<MoviePage>() },
  'movies:facets': { kind: 'query', input: MovieFilters, output: out<MovieFacets>() },
} as const
