import type { CatalogBridge } from '../../src-shared/bridge.ts'
import { type Channel, channels, type Input, type Output } from '../../src-shared/contract.ts'
import { AppError, type Envelope } from '../../src-shared/errors.ts'
import { catalogBridge } from './catalog-window.ts'

type DomainOf<C extends Channel> = C extends `${infer Domain}:${string}` ? Domain : never

// Calls whose input schema accepts nothing at all (e.g. `users:current`) can be made without an argument.
type CallArgs<C extends Channel> = undefined extends Input<C> ? [input?: Input<C>] : [input: Input<C>]

/** `api.movies.list(query)`: one method per contract channel `domain:verb`, resolving to the output DTO. */
export type CatalogApi = {
  [D in DomainOf<Channel>]: {
    [C in Channel as C extends `${D}:${infer Verb}` ? Verb : never]: (
      ...args: CallArgs<C>
    ) => Promise<Output<C>>
  }
}

const unwrap = <T>(envelope: Envelope<T>): T => {
  if (envelope.ok) return envelope.value
  const { code, message, issues } = envelope.error
  throw new AppError(code, message, issues)
}

/** Builds the client from the contract's channel list, so a new channel needs no code here. */
export function createApi(getBridge: () => CatalogBridge): CatalogApi {
  const client: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {}
  for (const channel of channels) {
    const [domain, verb] = channel.split(':') as [string, string]
    client[domain] ??= {}
    client[domain][verb] = async (input) => unwrap(await getBridge().invoke(channel, input))
  }
  return client as CatalogApi
}

/** The renderer's only way to reach the catalogue. */
export const api = createApi(catalogBridge)
