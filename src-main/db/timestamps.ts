import { p } from '@mikro-orm/core'

/**
 * `created_at` / `updated_at`, set by the ORM on every table, link tables included. `updated_at` always
 * moves forward, even for two saves within one millisecond, because stale-edit checks compare it.
 */
export const timestamps = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate((entity: { updatedAt?: Date }) => {
      const previous = entity.updatedAt ? new Date(entity.updatedAt).getTime() : 0
      return new Date(Math.max(Date.now(), previous + 1))
    }),
})
