import { AppError } from '../../src-shared/errors.ts'

/** The NOT_FOUND every service raises for a missing row, worded the same everywhere. */
export const notFound = (what: string, id: number) => new AppError('NOT_FOUND', `No ${what} with id ${id}.`)

/** A VALIDATION failure about one field, shown next to that field. */
export const invalidField = (field: string, message: string) =>
  new AppError('VALIDATION', message, [{ path: [field], message }])
