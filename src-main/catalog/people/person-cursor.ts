import { invalidField } from '../errors.ts'
import { decodeCursor, encodeCursor } from '../paging-cursor.ts'

/** Where a page of the people list by name ends: the sort keys (see text-keys.ts) of its last row. */
export interface PersonSortKey {
  lastNameKey: string | null
  firstNameKey: string | null
  id: number
}

/** Where a page of the people list by date of birth ends: its last row's key (see person-sort-keys.ts). */
export interface BirthDateSortKey {
  birthDateKey: string
  id: number
}

const isNameOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string'
const isId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0
const invalid = () =>
  invalidField('cursor', 'The page position is not valid; start again from the first page.')

/** The opaque `nextCursor` handed to the renderer. */
export const encodePersonCursor = ({ lastNameKey, firstNameKey, id }: PersonSortKey): string =>
  encodeCursor([lastNameKey, firstNameKey, id])

/** Reads a cursor back; one that this list did not hand out is a VALIDATION failure on `cursor`. */
export function decodePersonCursor(cursor: string): PersonSortKey {
  const [lastNameKey, firstNameKey, id] = decodeCursor(cursor, 3)
  if (isNameOrNull(lastNameKey) && isNameOrNull(firstNameKey) && isId(id)) {
    return { lastNameKey, firstNameKey, id }
  }
  throw invalid()
}

export const encodeBirthDateCursor = ({ birthDateKey, id }: BirthDateSortKey): string =>
  encodeCursor([birthDateKey, id])

/** As decodePersonCursor, for the list by date of birth: a cursor of the list by name is refused. */
export function decodeBirthDateCursor(cursor: string): BirthDateSortKey {
  const [birthDateKey, id] = decodeCursor(cursor, 2)
  if (typeof birthDateKey === 'string' && isId(id)) return { birthDateKey, id }
  throw invalid()
}
