import type { Channel } from '../../../src-shared/contract.ts'

/**
 * The commands that change the rows of only the people they name, so that what main keeps in people's order (see
 * person-orders.ts) can follow them person by person instead of being read again: each gives, once it has run,
 * the people whose rows it added, changed or deleted (a new person's id is only known then). Deleting a person
 * also changes movies and characters, which the command's declared domains drop as usual.
 */
type PersonEdit = (input: unknown, output: unknown) => number[]

const idOf = (value: unknown) => [(value as { id: number }).id]

const PERSON_EDITS: Partial<Record<Channel, PersonEdit>> = {
  'people:create': (_input, output) => idOf(output),
  'people:update': (input) => idOf(input),
  'people:delete': (input) => idOf(input),
}

/** Which people `channel` changes, when it changes only those it names; undefined otherwise. */
export const personEditOf = (channel: Channel): PersonEdit | undefined => PERSON_EDITS[channel]
