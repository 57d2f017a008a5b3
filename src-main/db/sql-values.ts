import { DriverException } from '@mikro-orm/core'

/**
 * What a value must be for a statement to carry it intact. MikroORM 7.2.1 does not bind parameters on
 * SQLite: it formats every value into the SQL text as a literal (STACK.md #16). So text may not hold NUL
 * (SQLite stops reading the statement there), text must be well-formed UTF-16 (an unpaired surrogate
 * turns into U+FFFD on its way to UTF-8, so the stored row would differ from the reply), and a number
 * must be finite (NaN would be written out as a column name).
 */
export function sqlValueProblem(value: unknown): string | null {
  if (typeof value === 'string') {
    if (value.includes('\0')) return 'Text may not contain the NUL character.'
    if (!value.isWellFormed()) return 'Text holds a broken character (an unpaired UTF-16 surrogate).'
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'Must be a finite number.'
  } else if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'Not a valid date.'
  }
  return null
}

/** A value a statement cannot carry; a DriverException, so the ORM passes it on unchanged instead of wrapping it. */
export class UnsafeSqlValueError extends DriverException {
  constructor(problem: string) {
    super(new Error(problem))
  }
}

/**
 * The last line of defence, run on every statement's values just before they are formatted into SQL
 * (the ORM's `onQuery` hook): the boundary refuses such input first, naming the field, so reaching this
 * means a value was derived from input without that check. It is refused, never run truncated.
 */
export function assertSqlValues(values: readonly unknown[]): void {
  for (const value of values) {
    const problem = Array.isArray(value) ? firstProblem(value) : sqlValueProblem(value)
    if (problem) throw new UnsafeSqlValueError(problem)
  }
}

const firstProblem = (values: readonly unknown[]): string | null => {
  for (const value of values) {
    const problem = sqlValueProblem(value)
    if (problem) return problem
  }
  return null
}
