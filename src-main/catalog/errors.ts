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
