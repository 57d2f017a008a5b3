import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'
import { termNameProperties } from '../term-name.ts'

export const GenreSchema = defineEntity({
  name: 'Genre',
  tableName: 'genre',
  properties: {
    id: p.integer().primary(),
    ...termNameProperties(),
    ...timestamps(),
  },
})

export class Genre extends GenreSchema.class {}
GenreSchema.setClass(Genre)
