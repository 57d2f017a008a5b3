import type { FieldIssue } from '../../src-shared/errors.ts'

type PlainInput = { ok: true; value: unknown } | { ok: false; issue: FieldIssue }

function findNul(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNul(item, [...path, index])
      if (found) return found
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(item, [...path, key])
      if (found) return found
    }
  }
  return null
}

/**
 * Makes an input exactly what JSON would carry, so Electron's structured clone (which keeps `undefined`
 * keys, Dates, Maps) and the harness's JSON reach the services as the same value; and refuses the NUL
 * character, which no field of the catalogue can hold.
 */
export function toPlainInput(input: unknown): PlainInput {
  if (input === undefined) return { ok: true, value: undefined }
  let value: unknown
  try {
    value = JSON.parse(JSON.stringify(input))
  } catch {
    return { ok: false, issue: { path: [], message: 'The input is not plain data.' } }
  }
  const nulAt = findNul(value, [])
  if (nulAt) return { ok: false, issue: { path: nulAt, message: 'Text may not contain the NUL character.' } }
  return { ok: true, value }
}
