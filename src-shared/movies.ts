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

const movieFields = {
  title: requiredName('Title', 300),
  description: optionalText(20_000),
  budget: z
    .number()
    .int('Budget is a whole amount.')
    .min(0, 'Budget cannot be negative.')
    .max(Number.MAX_SAFE_INTEGER)
    .nullish(),
  releaseDate: IsoDate.nullish(),
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

export const MovieListQuery = PageRequest.extend({
  text: z.string().trim().max(200).optional(),
  genreIds: z.array(Id).max(50).optional(),
  countryId: Id.optional(),
  directorId: Id.optional(),
  yearFrom: z.number().int().min(1800).max(3000).optional(),
  yearTo: z.number().int().min(1800).max(3000).optional(),
  favoritesOnly: z.boolean().optional(),
  sort: z.enum(MOVIE_SORTS).default('title'),
  direction: z.enum(['asc', 'desc']).default('asc'),
}).refine((q) => q.yearFrom === undefined || q.yearTo === undefined || q.yearFrom <= q.yearTo, {
  message: 'The first year must not be after the last.',
  path: ['yearTo'],
})

export interface PersonRef {
  id: number
  firstName: string | null
  lastName: string | null
  fullName: string
}

export interface MovieListItem {
  id: number
  title: string
  releaseDate: string | null
  durationSeconds: number | null
  budget: number | null
  /** The image's thumbnail (see FileDto.thumbUrl), small enough for a list. */
  posterUrl: string | null
  directorName: string | null
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
} as const
