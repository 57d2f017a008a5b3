import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'

export const GenreSchema = defineEntity({
  name: 'Genre',
  tableName: 'genre',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(100).collation('NOCASE').unique(),
    ...timestamps(),
  },
})

export class Genre extends GenreSchema.class {}
GenreSchema.setClass(Genre)
