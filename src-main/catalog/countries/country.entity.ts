import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'

export const CountrySchema = defineEntity({
  name: 'Country',
  tableName: 'country',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(100).collation('NOCASE').unique(),
    ...timestamps(),
  },
})

export class Country extends CountrySchema.class {}
CountrySchema.setClass(Country)
