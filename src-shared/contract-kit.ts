import type { z } from 'zod'

/** A phantom marker carrying a channel's output type; it has no runtime value worth reading. */
export type OutputMarker<T> = { readonly __output?: T }

/** Declares a channel's output DTO type in the contract. */
export const out = <T>(): OutputMarker<T> => ({})

/**
 * The kinds of data a command can change. `session` is who is signed in: it changes no row, but it
 * changes what every "my favorites" view shows. `transfer` is the long work and its files: running tasks,
 * files brought in, exports and backups written.
 */
export const DATA_DOMAINS = [
  'movies',
  'people',
  'characters',
  'genres',
  'countries',
  'users',
  'favorites',
  'files',
  'session',
  'transfer',
] as const
export type DataDomain = (typeof DATA_DOMAINS)[number]

/** A call that only reads: it never announces a data change. */
export interface QuerySpec {
  kind: 'query'
  input: z.ZodType
  output: OutputMarker<unknown>
}

/** A call that writes, declaring every domain whose stored data (or session) it can change. */
export interface CommandSpec {
  kind: 'command'
  input: z.ZodType
  output: OutputMarker<unknown>
  changes: readonly [DataDomain, ...DataDomain[]]
}

export type ChannelSpec = QuerySpec | CommandSpec

export type ChannelMap = Record<string, ChannelSpec>
