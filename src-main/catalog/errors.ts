import { AppError } from '../../src-shared/errors.ts'

/** The NOT_FOUND every service raises for a missing row, worded the same everywhere. */
export const notFound = (what: string, id: number) => new AppError('NOT_FOUND', `No ${what} with id ${id}.`)

/** A VALIDATION failure about one field, shown next to that field. */
export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION', message, [{ path: [field], message }])

/** A missing row that an input field points at: NOT_FOUND, shown next to that field. */
export const missingReference = (field: string, what: string, id: number | string) => {
  const message = `No ${what} with id ${id}.`
  return new AppError('NOT_FOUND', message, [{ path: [field], message }])
}

/** Refuses a save made from an older copy than the one stored: CONFLICT, and the newer change stays. */
export function assertNotStale(
  what: string,
  storedUpdatedAt: Date,
  expectedUpdatedAt: string | undefined,
): void {
  if (
    expectedUpdatedAt &&
    new Date(storedUpdatedAt).toISOString() !== new Date(expectedUpdatedAt).toISOString()
  ) {
    throw new AppError(
      'CONFLICT',
      `This ${what} was changed elsewhere after you opened it. Reload it to see the changes, then edit again.`,
    )
  }
}

/**
 * A refusal whose record must stand: the call's writes commit (a wrong password counted against its
 * streak), and the caller still gets the error. Every other failure rolls its call back.
 */
export class RecordedRefusal extends AppError {}
