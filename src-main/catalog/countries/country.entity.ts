import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'
import { termNameProperties } from '../term-name.ts'

export const CountrySchema = defineEntity({
  name: 'Country',
  tableName: 'country',
  properties: {
    id: p.integer().primary(),
    ...termNameProperties(),
    ...timestamps(),
  },
})

export class Country extends CountrySchema.class {}
CountrySchema.setClass(Country)
