import { p } from '@mikro-orm/core'

/** `created_at` / `updated_at`, set by the ORM on every table, link tables included. */
export const timestamps = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
})
