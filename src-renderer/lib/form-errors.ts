import type { FieldIssue } from '../../src-shared/errors.ts'
import { isAppError } from '../../src-shared/errors.ts'

export interface SplitIssues {
  /** Messages keyed by form field, ready for `form.setErrors`. */
  fieldErrors: Record<string, string>
  /** Messages about inputs the form does not show; they belong in a form-level alert. */
  otherMessages: string[]
}

/**
 * Places the issues of a VALIDATION error next to the fields that caused them. `fieldByPath` maps an
 * input path (joined with dots, e.g. `durationSeconds`) to the form field that produced it.
 */
export function splitIssues(issues: readonly FieldIssue[], fieldByPath: Record<string, string>): SplitIssues {
  const fieldErrors: Record<string, string> = {}
  const otherMessages: string[] = []
  for (const issue of issues) {
    const field = fieldByPath[issue.path.join('.')]
    if (field === undefined) otherMessages.push(issue.message)
    // The first problem with a field is the one to fix first.
    else fieldErrors[field] ??= issue.message
  }
  return { fieldErrors, otherMessages }
}

/**
 * Shows a failed save where the person will look: each field issue beside its field (via `setErrors`),
 * and returns what is left for a form-level alert, or null when every problem found its field.
 */
export function placeSaveError(
  error: Error,
  setErrors: (errors: Record<string, string>) => void,
  fieldByPath: Record<string, string>,
): string | null {
  if (!isAppError(error) || !error.issues?.length) return error.message
  const { fieldErrors, otherMessages } = splitIssues(error.issues, fieldByPath)
  setErrors(fieldErrors)
  if (otherMessages.length > 0) return otherMessages.join(' ')
  return Object.keys(fieldErrors).length > 0 ? null : error.message
}
