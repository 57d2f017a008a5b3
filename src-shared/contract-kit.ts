import type { z } from 'zod'

/** A phantom marker carrying a channel's output type; it has no runtime value worth reading. */
export type OutputMarker<T> = { readonly __output?: T }

/** Declares a channel's output DTO type in the contract. */
export const out = <T>(): OutputMarker<T> => ({})

export interface ChannelSpec {
  input: z.ZodType
  output: OutputMarker<unknown>
}

export type ChannelMap = Record<string, ChannelSpec>
