import type { FieldIssue } from '../../src-shared/errors.ts'
import { sqlValueProblem } from '../db/sql-values.ts'

type PlainInput = { ok: true; value: unknown } | { ok: false; issue: FieldIssue }

type Path = (string | number)[]

/**
 * Makes an input exactly what JSON would carry, so Electron's structured clone (which keeps `undefined`
 * keys, Dates, Maps) and the harness's JSON reach the services as the same value; and refuses, naming the
 * field, every value no field of the catalogue can hold and SQL cannot carry (see sqlValueProblem): NUL,
 * an unpaired surrogate, and numbers JSON would silently turn into null (NaN, ±Infinity).
 */
export function toPlainInput(input: unknown): PlainInput {
  if (input === undefined) return { ok: true, value: undefined }
  // The replacer sees every value JSON writes, after toJSON, before NaN becomes null; each object's path is
  // recorded as JSON reaches it, so a problem is reported with the path of the field that holds it.
  const paths = new WeakMap<object, Path>()
  let issue: FieldIssue | null = null
  const check = function (this: unknown, key: string, value: unknown): unknown {
    const parentPath = paths.get(this as object)
    const path: Path =
      parentPath === undefined ? [] : [...parentPath, Array.isArray(this) ? Number(key) : key]
    if (value !== null && typeof value === 'object') paths.set(value, path)
    const problem = issue ? null : sqlValueProblem(value)
    if (problem) issue = { path, message: problem }
    return value
  }
  let text: string | undefined
  try {
    text = JSON.stringify(input, check)
  } catch {
    return { ok: false, issue: { path: [], message: 'The input is not plain data.' } }
  }
  if (issue) return { ok: false, issue }
  return { ok: true, value: text === undefined ? undefined : JSON.parse(text) }
}
