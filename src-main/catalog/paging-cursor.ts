import { AppError } from '../../src-shared/errors.ts'
import { sqlValueProblem } from '../db/sql-values.ts'

/** A keyset position: the last row's sort value(s) and id. Opaque to the renderer. */
export type CursorValues = (string | number | null)[]

export const encodeCursor = (values: CursorValues): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url')

/** Reads a cursor back, checking it has the shape this list writes; anything else is a VALIDATION error. */
export function decodeCursor(cursor: string, length: number): CursorValues {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (
      Array.isArray(values) &&
      values.length === length &&
      // A cursor's values go into SQL (see sqlValueProblem), so they pass the same check as any input.
      values.every(
        (value) =>
          value === null ||
          ((typeof value === 'string' || typeof value === 'number') && sqlValueProblem(value) === null),
      )
    ) {
      return values
    }
  } catch {
    // fall through to the one error below
  }
  const message = 'The page position is not valid; start again from the first page.'
  throw new AppError('VALIDATION', message, [{ path: ['cursor'], message }])
}
