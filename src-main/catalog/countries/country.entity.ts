import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'
import { uniqueKeyOf } from '../text-keys.ts'

export const CountrySchema = defineEntity({
  name: 'Country',
  tableName: 'country',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(100).collation('NOCASE'),
    /** Keeps names unique without regard to case in every script (see text-keys.ts); set by the ORM. */
    nameKey: p
      .string()
      .length(100)
      .unique()
      .onCreate((term: { name: string }) => uniqueKeyOf(term.name))
      .onUpdate((term: { name: string }) => uniqueKeyOf(term.name)),
    ...timestamps(),
  },
})

export class Country extends CountrySchema.class {}
CountrySchema.setClass(Country)
