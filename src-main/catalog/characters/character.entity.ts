import { defineEntity, p } from '@mikro-orm/core'
import { CHARACTER_ROLES, DEFAULT_CHARACTER_ROLE } from '../../../src-shared/characters.ts'
import { timestamps } from '../../db/timestamps.ts'
import { Movie } from '../movies/movie.entity.ts'
import { Person } from '../people/person.entity.ts'

export const CharacterSchema = defineEntity({
  name: 'Character',
  tableName: 'character',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(200),
    description: p.text().nullable(),
    role: p.enum(CHARACTER_ROLES).default(DEFAULT_CHARACTER_ROLE),
    movie: () => p.manyToOne(Movie).deleteRule('cascade').index(),
    actor: () => p.manyToOne(Person).nullable().deleteRule('set null').index(),
    ...timestamps(),
  },
})

export class Character extends CharacterSchema.class {}
CharacterSchema.setClass(Character)
