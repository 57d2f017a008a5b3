import { z } from 'zod'
import { out } from './contract-kit.ts'

export const SearchQuery = z.object({
  text: z.string().trim().min(1, 'Type something to search for.').max(200),
  limitPerKind: z.number().int().min(1).max(100).default(10),
})

export interface SearchHit {
  id: number
  /** What to show as the result's title: the movie title, the person's full name, the character's name. */
  label: string
  /** A second line: release year, or for a character the movie it is in. */
  detail: string | null
  /** For a character, the movie to open. */
  movieId: number | null
}

export interface SearchResults {
  movies: SearchHit[]
  people: SearchHit[]
  characters: SearchHit[]
}

export const searchChannels = {
  'search:all': { kind: 'query', input: SearchQuery, output: out<SearchResults>() },
} as const
