import type { Channel, EventName } from '../../src-shared/contract.ts'

/** The request header that carries the per-run token; only the page the harness served knows it. */
export const TOKEN_HEADER = 'x-catalog-token'

/**
 * The key of the object the bridge sends in place of NaN, Infinity or -Infinity, and the harness turns
 * back into that number: JSON alone would carry them as null.
 */
export const NON_FINITE_KEY = '$nonFiniteNumber'

/** What the harness hands its page bridge as data, per run. */
export interface BridgeConfig {
  token: string
  tokenHeader: string
  channels: readonly Channel[]
  events: readonly EventName[]
  nonFiniteKey: string
}
