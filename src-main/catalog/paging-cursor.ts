import { AppError } from '../../src-shared/errors.ts'

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
      values.every((value) => value === null || typeof value === 'string' || Number.isFinite(value))
    ) {
      return values
    }
  } catch {
    // fall through to the one error below
  }
  const message = 'The page position is not valid; start again from the first page.'
  throw new AppError('VALIDATION', message, [{ path: ['cursor'], message }])
}
