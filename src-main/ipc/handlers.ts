import type { Channel, Output, ParsedInput } from '../../src-shared/contract.ts'
import type { ServiceContext } from '../catalog/service-context.ts'

/** One channel's handler: validated input in, DTO out. */
export type Handler<C extends Channel> = (input: ParsedInput<C>, ctx: ServiceContext) => Promise<Output<C>>

/** Every channel of one domain (`movies:*`), so each domain's handler file is checked on its own. */
export type DomainHandlers<D extends string> = {
  [C in Channel as C extends `${D}:${string}` ? C : never]: Handler<C>
}

/** The complete map: a channel without a handler, or a handler of the wrong type, does not compile. */
export type Handlers = { [C in Channel]: Handler<C> }
