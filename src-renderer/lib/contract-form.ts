import type { FormErrors } from '@mantine/form'
import type { z } from 'zod'
import { splitIssues } from './form-errors.ts'

/** What a form would send (the contract's input), and the fields whose text could not be read at all. */
export interface FormReading<Input> {
  input: Input
  /** Messages by form field, for text that stands for no value ("2 hours-ish" as a duration). */
  unreadable: Record<string, string>
}

/**
 * A Mantine form `validate` function that runs main's own zod schema over what the form would send, so a
 * field shows its problem as the person types, in the words main would use on save. `fieldByPath` maps an
 * input path (`durationSeconds`) to the form field that produced it (`duration`).
 */
export function contractValidator<Values, Input>(
  schema: z.ZodType,
  read: (values: Values) => FormReading<Input>,
  fieldByPath: Record<string, string>,
): (values: Values) => FormErrors {
  return (values) => {
    const { input, unreadable } = read(values)
    const result = schema.safeParse(input)
    const errors: FormErrors = {}
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({
        path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
        message: issue.message,
      }))
      Object.assign(errors, splitIssues(issues, fieldByPath).fieldErrors)
    }
    // Text that stands for no value is the first thing to fix in its field.
    return { ...errors, ...unreadable }
  }
}
