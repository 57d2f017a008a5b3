/** Stable error codes: the renderer branches on these, never on messages. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'IN_USE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'FILE_REJECTED',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** One problem with one input field; `path` is the field's path in the input object. */
export interface FieldIssue {
  path: (string | number)[]
  message: string
}

/** The error half of the envelope, exactly as it crosses IPC or the harness. */
export interface ErrorBody {
  code: ErrorCode
  message: string
  issues?: FieldIssue[]
}

/** What every call returns across the boundary instead of throwing (errors lose all but their message over IPC). */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorBody }

/** A failure with a stable code; thrown by services and by the renderer's client alike. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly issues: FieldIssue[] | undefined

  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.issues = issues
  }

  toBody(): ErrorBody {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message }
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError
