import { p } from '@mikro-orm/core'

/**
 * The `updated_at` of a save, in epoch milliseconds: now, or just after the previous one, so it always moves
 * forward, even for two saves within one millisecond, because stale-edit checks compare it.
 */
export const nextUpdatedAt = (previous: Date | number | null | undefined): number =>
  Math.max(Date.now(), (previous ? new Date(previous).getTime() : 0) + 1)

/**
 * `created_at` / `updated_at`, set on every table, link tables included: by the ORM here, and as the same values
 * (epoch milliseconds, see nextUpdatedAt) where a service writes by SQL.
 */
export const timestamps = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate((entity: { updatedAt?: Date }) => new Date(nextUpdatedAt(entity.updatedAt))),
})
