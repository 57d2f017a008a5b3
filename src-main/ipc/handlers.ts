import type { Channel, Contract, Output, ParsedInput } from '../../src-shared/contract.ts'
import type { TaskSnapshot } from '../../src-shared/tasks.ts'
import type { PreparedUpload } from '../catalog/files/files.service.ts'
import type { PrepareContext, ReadContext, ServiceContext } from '../catalog/service-context.ts'

/** One channel's handler: validated input in, DTO out, run in the call's turn and its one transaction. */
export type Handler<C extends Channel> = (input: ParsedInput<C>, ctx: ServiceContext) => Promise<Output<C>>

/**
 * A query answered on the read connection (see read-connection.ts) the moment it arrives, beside the queue
 * rather than in it: it never waits for a write in progress, and sees the last committed state. It runs whole,
 * synchronously, in one read transaction, with prepared statements only (no EntityManager).
 */
export interface ReadHandler<C extends Channel> {
  read(input: ParsedInput<C>, ctx: ReadContext): Output<C>
}

/** What each staged channel's `prepare` hands its `commit`; a channel listed here must have a StagedHandler. */
interface Prepared {
  'files:upload': PreparedUpload
  'tasks:cancel': TaskSnapshot
}

type StagedChannel = keyof Prepared

/**
 * A handler in two steps, for a call with slow work that touches no row (an upload's decode, re-encode,
 * thumbnail and atomic blob write). Calls run one at a time, each in a transaction on SQLite's one
 * connection, so that work inside a handler would stall every other call for its whole duration.
 * `prepare` runs as soon as the call is accepted, outside the queue and any transaction, with the file
 * store only; `commit` then takes the call's turn like any handler and records rows in its short
 * transaction — files first, rows second, as the file store already requires.
 */
export interface StagedHandler<C extends StagedChannel> {
  prepare(input: ParsedInput<C>, ctx: PrepareContext): Promise<Prepared[C]>
  commit(prepared: Prepared[C], ctx: ServiceContext): Promise<Output<C>>
}

/**
 * A channel's entry in the handler map: staged where `Prepared` says so; a query may be a read handler; a
 * plain handler otherwise.
 */
export type ChannelHandler<C extends Channel> = C extends StagedChannel
  ? StagedHandler<C>
  : Contract[C]['kind'] extends 'query'
    ? Handler<C> | ReadHandler<C>
    : Handler<C>

/** Every channel of one domain (`movies:*`), so each domain's handler file is checked on its own. */
export type DomainHandlers<D extends string> = {
  [C in Channel as C extends `${D}:${string}` ? C : never]: ChannelHandler<C>
}

/** The complete map: a channel without a handler, or a handler of the wrong type, does not compile. */
export type Handlers = { [C in Channel]: ChannelHandler<C> }
