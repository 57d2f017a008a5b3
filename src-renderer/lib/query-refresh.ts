import type { QueryClient } from '@tanstack/react-query'
import { type Channel, contract, type DataDomain } from '../../src-shared/contract.ts'

/**
 * The first element of every query key names what the query shows (`['movies', 'list', …]`). A feature's
 * key factory starts its keys with one of these, so a data change can find every view that shows it.
 */
export type QueryRoot =
  | 'movies'
  | 'people'
  | 'genres'
  | 'countries'
  | 'users'
  | 'search'
  | 'stats'
  | 'transfer'

/**
 * Which views show data of each domain, so a change there refreshes them. Main says what a command
 * changed (the contract's `changes`); deciding what that means on screen is the renderer's business.
 */
export const QUERIES_SHOWING: Record<DataDomain, readonly QueryRoot[]> = {
  // Lists and pages of movies; filmographies, term counts, search hits and statistics count movies too.
  movies: ['movies', 'people', 'genres', 'countries', 'search', 'stats'],
  // Directors and actors are named in movie rows and casts.
  people: ['people', 'movies', 'search', 'stats'],
  characters: ['movies', 'people', 'search', 'stats'],
  genres: ['genres', 'movies', 'stats'],
  countries: ['countries', 'movies', 'people', 'stats'],
  users: ['users'],
  // Hearts in every movie row and page, the favorites filter and its facet count.
  favorites: ['movies', 'stats'],
  files: ['movies', 'people', 'users'],
  // Who is signed in decides which movies are favorites, and who the profile views show.
  session: ['users', 'movies', 'stats'],
  // Running tasks, backups and their schedule.
  transfer: ['transfer'],
}

/** Marks every query showing data of `domains` stale, refetching the ones on screen. */
export function refreshDomains(
  queryClient: QueryClient,
  domains: readonly DataDomain[],
  // An event may follow the command's own refresh: do not restart a refetch already running for it.
  options: { cancelRefetch?: boolean } = {},
): Promise<void> {
  const roots = new Set(domains.flatMap((domain) => QUERIES_SHOWING[domain]))
  return Promise.all(
    [...roots].map((root) =>
      queryClient.invalidateQueries({ queryKey: [root] }, { cancelRefetch: options.cancelRefetch ?? true }),
    ),
  ).then(() => undefined)
}

/** After a command succeeded in this window: refresh what it declares it changed, without waiting for main's event. */
export function refreshAfter(queryClient: QueryClient, channel: Channel): Promise<void> {
  const spec = contract[channel]
  return spec.kind === 'command' ? refreshDomains(queryClient, spec.changes) : Promise.resolve()
}
