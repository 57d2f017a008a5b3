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
    // Indexed with the movie below, which serves the foreign key too.
    actor: () => p.manyToOne(Person).nullable().deleteRule('set null').index(false),
    ...timestamps(),
  },
  // An actor's characters, and the movies they play in counted from the index alone (statistics, filmographies).
  indexes: [{ name: 'character_actor_movie_index', properties: ['actor', 'movie'] }],
})

export class Character extends CharacterSchema.class {}
CharacterSchema.setClass(Character)
