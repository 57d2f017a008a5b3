import type { z } from 'zod'
import { characterChannels } from './characters.ts'
import type { ChannelMap, DataDomain, OutputMarker } from './contract-kit.ts'
import { out } from './contract-kit.ts'
import { favoriteChannels } from './favorites.ts'
import { fileChannels } from './files.ts'
import { movieChannels } from './movies.ts'
import { peopleChannels } from './people.ts'
import { searchChannels } from './search.ts'
import { statsChannels } from './stats.ts'
import { type TaskSnapshot, taskChannels } from './tasks.ts'
import { countryChannels, genreChannels } from './taxonomy.ts'
import { backupChannels, transferChannels } from './transfer.ts'
import { userChannels } from './users.ts'

/**
 * Every call the renderer can make: channel `domain:verb` -> zod input schema -> output DTO type, and
 * whether it is a query (reads only) or a command (and which domains' data it changes).
 * Adding a call = one entry in a domain's channel map + one handler in main + one hook in the renderer.
 */
export const contract = {
  ...movieChannels,
  ...peopleChannels,
  ...characterChannels,
  ...genreChannels,
  ...countryChannels,
  ...userChannels,
  ...favoriteChannels,
  ...searchChannels,
  ...statsChannels,
  ...fileChannels,
  ...taskChannels,
  ...transferChannels,
  ...backupChannels,
} as const satisfies ChannelMap

export type Contract = typeof contract
export type Channel = keyof Contract & string
export type Input<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type Output<C extends Channel> = Contract[C]['output'] extends OutputMarker<infer T> ? T : never

export const channels = Object.keys(contract) as Channel[]
export const isChannel = (name: unknown): name is Channel =>
  typeof name === 'string' && Object.hasOwn(contract, name)

export { DATA_DOMAINS, type DataDomain } from './contract-kit.ts'

/** Push events from main to the renderer. */
export const events = {
  /** After a command succeeded: the domains it declared; the renderer decides which views to refresh. */
  'data:changed': out<{ domains: DataDomain[] }>(),
  /** A long task started, moved on (a few times a second at most), or finished: its whole state. */
  'task:progress': out<TaskSnapshot>(),
} as const

export type EventName = keyof typeof events & string
export type EventPayload<E extends EventName> = (typeof events)[E] extends OutputMarker<infer T> ? T : never
export const eventNames = Object.keys(events) as EventName[]
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name)
