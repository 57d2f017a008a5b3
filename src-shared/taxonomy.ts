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
  'genres:list': { input: z.object({}).default({}), output: out<TermWithCount[]>() },
  'genres:create': { input: GenreDraft, output: out<TermWithCount>() },
  'genres:rename': { input: GenreRename, output: out<TermWithCount>() },
  'genres:usage': { input: ById, output: out<GenreUsage>() },
  'genres:delete': { input: ById, output: out<GenreUsage>() },
} as const

export const countryChannels = {
  'countries:list': { input: z.object({}).default({}), output: out<TermWithCount[]>() },
  'countries:create': { input: CountryDraft, output: out<TermWithCount>() },
  'countries:rename': { input: CountryRename, output: out<TermWithCount>() },
  'countries:usage': { input: ById, output: out<CountryUsage>() },
  'countries:delete': { input: ById, output: out<CountryUsage>() },
} as const
