import { z } from 'zod'

/** A row id as the renderer sends it. */
export const Id = z.number().int().positive()

/** A calendar date as an ISO string (`2026-11-28`); the only date form that crosses the boundary. */
export const IsoDate = z.iso.date({ error: 'Use a date like 2026-11-28.' })

/** Optional free text: trimmed, and empty means "not known" (null), so a cleared field really clears. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullish()
    .transform((value) => (value ? value : null))

/** A required one-line name: trimmed, non-empty. */
export const requiredName = (label: string, max = 200) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is at most ${max} characters.`)

/** Keyset paging: `cursor` is opaque, returned by the previous page. */
export const PageRequest = z.object({
  cursor: z.string().max(2000).nullish(),
  limit: z.number().int().min(1).max(500).default(100),
})

export interface Page<T> {
  items: T[]
  total: number
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null
}

/** A stored image as the renderer sees it. */
export interface FileDto {
  id: number
  fileName: string
  mimeType: string
  size: number
  /** The full image, for a detail view. */
  url: string
  /** A small WebP of it (at most 320 px on its long side), for lists. */
  thumbUrl: string
}

export interface NamedRef {
  id: number
  name: string
}

export const ById = z.object({ id: Id })

/** The `updatedAt` the editor started from; a save over a newer change is refused with CONFLICT, not lost silently. */
export const ExpectedUpdatedAt = z.iso.datetime().optional()
