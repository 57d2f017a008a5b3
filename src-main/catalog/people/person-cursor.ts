import { invalidField } from '../errors.ts'
import { decodeCursor, encodeCursor } from '../paging-cursor.ts'

/** Where a page of the people list ends: the sort keys (see text-keys.ts) of its last row. */
export interface PersonSortKey {
  lastNameKey: string | null
  firstNameKey: string | null
  id: number
}

const isNameOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string'

/** The opaque `nextCursor` handed to the renderer. */
export const encodePersonCursor = ({ lastNameKey, firstNameKey, id }: PersonSortKey): string =>
  encodeCursor([lastNameKey, firstNameKey, id])

/** Reads a cursor back; one that this list did not hand out is a VALIDATION failure on `cursor`. */
export function decodePersonCursor(cursor: string): PersonSortKey {
  const [lastNameKey, firstNameKey, id] = decodeCursor(cursor, 3)
  if (
    isNameOrNull(lastNameKey) &&
    isNameOrNull(firstNameKey) &&
    typeof id === 'number' &&
    Number.isSafeInteger(id) &&
    id > 0
  ) {
    return { lastNameKey, firstNameKey, id }
  }
  throw invalidField('cursor', 'The page position is not valid; start again from the first page.')
}
