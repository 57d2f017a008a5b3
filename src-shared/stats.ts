import { z } from 'zod'
import { out } from './contract-kit.ts'

/** A genre or a country and how many movies have it. */
export interface TermCount {
  id: number
  name: string
  count: number
}

/** A director or an actor and how many movies they made or played in. */
export interface PersonCount {
  id: number
  fullName: string
  count: number
}

/** How many movies have a budget in [from, to); `to` null is "and more". */
export interface BudgetRange {
  from: number
  to: number | null
  count: number
}

/** The whole catalogue at a glance, counted by main with SQL aggregates, never row by row. */
export interface CatalogStats {
  movies: number
  people: number
  characters: number
  /** The running times that are known, added up, and how many movies have one. */
  runningTime: { totalSeconds: number; movies: number }
  /** Movies per decade of release (1990 counts 1990–1999), oldest first; decades without a movie are left out. */
  decades: { decade: number; count: number }[]
  moviesWithoutReleaseDate: number
  /** Every genre that has a movie, most first (ties by name). */
  genres: TermCount[]
  /** The 15 countries with the most movies, most first (ties by name). */
  countries: TermCount[]
  moviesWithoutCountry: number
  /** Budgets as the catalogue records them (no currency): how they spread, where they are known. */
  budget: {
    movies: number
    smallest: number | null
    median: number | null
    largest: number | null
    /** Every range, empty ones included, smallest first. */
    ranges: BudgetRange[]
  }
  /** The 10 people who directed the most movies, most first (ties by name). */
  directors: PersonCount[]
  /** The 10 people who played in the most movies, most first (ties by name). */
  actors: PersonCount[]
  /** The signed-in profile's favorites and their genres, most first; null when nobody is signed in. */
  favorites: { total: number; genres: TermCount[] } | null
}

/** Where the budget ranges start: under 100,000, then up to 1 million, 10 million, 50 million, 100 million, more. */
export const BUDGET_RANGE_STARTS = [0, 100_000, 1_000_000, 10_000_000, 50_000_000, 100_000_000] as const

export const statsChannels = {
  'stats:summary': { kind: 'query', input: z.object({}).default({}), output: out<CatalogStats>() },
} as const
