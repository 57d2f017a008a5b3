import { z } from 'zod'
import type { CharacterRole } from './characters.ts'
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
} from './common.ts'
import { out } from './contract-kit.ts'

export const GENDERS = ['female', 'male', 'non-binary', 'other'] as const
export type Gender = (typeof GENDERS)[number]

const personFields = {
  firstName: optionalText(200),
  lastName: optionalText(200),
  biography: optionalText(50_000),
  dateOfBirth: IsoDate.nullish(),
  gender: z.enum(GENDERS).nullish(),
  countryId: Id.nullish(),
  primaryPhotoFileId: Id.nullish(),
}

const NEEDS_A_NAME = { message: 'A person needs a first or a last name.', path: ['lastName'] }

export const PersonDraft = z
  .object(personFields)
  .refine((p) => Boolean(p.firstName || p.lastName), NEEDS_A_NAME)

/** Only the fields present change. */
export const PersonUpdate = z.object({
  id: Id,
  expectedUpdatedAt: ExpectedUpdatedAt,
  ...z.object(personFields).partial().shape,
})

/**
 * The orders of the people list. By name: family name, then given name, A to Z. By date of birth: oldest
 * first (`asc`) or youngest first (`desc`); people whose date of birth is not known come last either way.
 */
export const PERSON_SORTS = ['name', 'dateOfBirth'] as const
export type PersonSort = (typeof PERSON_SORTS)[number]

/**
 * One window of the list, searched and sorted: either the page after `cursor` (scrolling on), or the page
 * starting at `position` (0-based; jumping anywhere, as a dragged scrollbar does). Not both.
 */
export const PersonListQuery = PageRequest.extend({
  text: z.string().trim().max(200).optional(),
  sort: z.enum(PERSON_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  position: z.number().int().min(0).max(100_000_000).optional(),
})
  .refine((q) => q.position === undefined || !q.cursor, {
    message: 'Ask for a position or a cursor, not both.',
    path: ['position'],
  })
  .refine((q) => q.sort !== 'name' || q.direction === 'asc', {
    message: 'People are listed by name from A to Z only.',
    path: ['direction'],
  })

export interface PersonListItem {
  id: number
  firstName: string | null
  lastName: string | null
  fullName: string
  dateOfBirth: string | null
  /** The image's thumbnail (see FileDto.thumbUrl), small enough for a list. */
  photoUrl: string | null
  /** How many movies they directed. */
  moviesDirected: number
  /** How many characters they play, across every movie. */
  charactersPlayed: number
}

export interface PersonDetail {
  id: number
  firstName: string | null
  lastName: string | null
  fullName: string
  biography: string | null
  dateOfBirth: string | null
  gender: Gender | null
  country: NamedRef | null
  photo: FileDto | null
  /**
   * How many films they directed and how many characters they play; the films and characters themselves come
   * a stretch at a time from people:filmography (a prolific actor has thousands).
   */
  filmography: Record<FilmographyPart, number>
  createdAt: string
  updatedAt: string
}

export const FILMOGRAPHY_PARTS = ['directed', 'played'] as const
export type FilmographyPart = (typeof FILMOGRAPHY_PARTS)[number]
export const FILMOGRAPHY_ORDERS = ['oldest', 'newest'] as const
export type FilmographyOrder = (typeof FILMOGRAPHY_ORDERS)[number]

/**
 * A stretch of one part of a person's filmography, by release date (films whose date is not known last
 * either way, then by title).
 */
export const FilmographyQuery = z.object({
  personId: Id,
  part: z.enum(FILMOGRAPHY_PARTS),
  order: z.enum(FILMOGRAPHY_ORDERS).default('oldest'),
  position: z.number().int().min(0).max(100_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
})

/** A film of the filmography, and the character played in it (null among the films directed). */
export interface FilmographyEntry {
  movie: { id: number; title: string; releaseDate: string | null }
  character: { id: number; name: string; role: CharacterRole } | null
}

/** What deleting a person would change, shown before asking. */
export interface PersonUsage {
  directedMovies: number
  characters: number
}

export const peopleChannels = {
  'people:create': { kind: 'command', input: PersonDraft, output: out<PersonDetail>(), changes: ['people'] },
  'people:update': { kind: 'command', input: PersonUpdate, output: out<PersonDetail>(), changes: ['people'] },
  'people:usage': { kind: 'query', input: ById, output: out<PersonUsage>() },
  'people:delete': {
    kind: 'command',
    input: ById,
    output: out<PersonUsage>(),
    changes: ['people', 'movies', 'characters'],
  },
  'people:get': { kind: 'query', input: ById, output: out<PersonDetail>() },
  'people:filmography': {
    kind: 'query',
    input: FilmographyQuery,
    output: out<{ items: FilmographyEntry[]; total: number }>(),
  },
  'people:list': { kind: 'query', input: PersonListQuery, output: out<Page<PersonListItem>>() },
} as const
