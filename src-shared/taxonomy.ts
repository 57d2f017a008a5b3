import { z } from 'zod'
import { ById, Id, requiredName } from './common.ts'
import { out } from './contract-kit.ts'

/** A genre or a country in a list, with how many movies use it. */
export interface TermWithCount {
  id: number
  name: string
  movieCount: number
}

export interface GenreUsage {
  movieCount: number
}

export interface CountryUsage {
  movieCount: number
  personCount: number
}

export const GenreDraft = z.object({ name: requiredName('Genre name', 100) })
export const GenreRename = z.object({ id: Id, name: requiredName('Genre name', 100) })
export const CountryDraft = z.object({ name: requiredName('Country name', 100) })
export const CountryRename = z.object({ id: Id, name: requiredName('Country name', 100) })

export const genreChannels = {
  'genres:list': { kind: 'query', input: z.object({}).default({}), output: out<TermWithCount[]>() },
  'genres:create': { kind: 'command', input: GenreDraft, output: out<TermWithCount>(), changes: ['genres'] },
  'genres:rename': { kind: 'command', input: GenreRename, output: out<TermWithCount>(), changes: ['genres'] },
  'genres:usage': { kind: 'query', input: ById, output: out<GenreUsage>() },
  'genres:delete': { kind: 'command', input: ById, output: out<GenreUsage>(), changes: ['genres', 'movies'] },
} as const

export const countryChannels = {
  'countries:list': { kind: 'query', input: z.object({}).default({}), output: out<TermWithCount[]>() },
  'countries:create': {
    kind: 'command',
    input: CountryDraft,
    output: out<TermWithCount>(),
    changes: ['countries'],
  },
  'countries:rename': {
    kind: 'command',
    input: CountryRename,
    output: out<TermWithCount>(),
    changes: ['countries'],
  },
  'countries:usage': { kind: 'query', input: ById, output: out<CountryUsage>() },
  'countries:delete': {
    kind: 'command',
    input: ById,
    output: out<CountryUsage>(),
    changes: ['countries', 'movies', 'people'],
  },
} as const
