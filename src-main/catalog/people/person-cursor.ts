import { invalidField } from '../errors.ts'
import { decodeCursor, encodeCursor } from '../paging-cursor.ts'

/** Where a page of the people list ends: the sort values of its last row. */
export interface PersonSortKey {
  lastName: string | null
  firstName: string | null
  id: number
}

const isNameOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string'

/** The opaque `nextCursor` handed to the renderer. */
export const encodePersonCursor = ({ lastName, firstName, id }: PersonSortKey): string =>
  encodeCursor([lastName, firstName, id])

/** Reads a cursor back; one that this list did not hand out is a VALIDATION failure on `cursor`. */
export function decodePersonCursor(cursor: string): PersonSortKey {
  const [lastName, firstName, id] = decodeCursor(cursor, 3)
  if (
    isNameOrNull(lastName) &&
    isNameOrNull(firstName) &&
    typeof id === 'number' &&
    Number.isSafeInteger(id) &&
    id > 0
  ) {
    return { lastName, firstName, id }
  }
  throw invalidField('cursor', 'The page position is not valid; start again from the first page.')
}
