import { p } from '@mikro-orm/core'
import { uniqueKeyOf } from './text-keys.ts'

/** The name of a genre or a country, unique without regard to case in every script (see text-keys.ts). */
export const termNameProperties = () => ({
  name: p.string().length(100).collation('NOCASE'),
  /** Set by the ORM from the name; its unique index is what keeps "Drama" and "drama" from both existing. */
  nameKey: p
    .string()
    .length(100)
    .unique()
    .onCreate((term: { name: string }) => uniqueKeyOf(term.name))
    .onUpdate((term: { name: string }) => uniqueKeyOf(term.name)),
})
