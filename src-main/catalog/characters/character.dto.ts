import { wrap } from '@mikro-orm/core'
import type { CharacterDto, CharacterRole } from '../../../src-shared/characters.ts'
import { listImageUrl } from '../files/file.dto.ts'
import { fullNameOf, toPersonRef } from '../people/person.dto.ts'
import type { Character } from './character.entity.ts'

/**
 * The character as the renderer sees it. Its actor and their photo must be loaded (populate
 * `actor.primaryPhoto`): an unloaded reference has no names, and a DTO with an empty name would hide that mistake.
 */
export function toCharacterDto(character: Character): CharacterDto {
  const { actor } = character
  if (actor && !wrap(actor).isInitialized()) {
    throw new Error(
      `Character ${character.id}: load its actor before making a DTO (populate: ['actor.primaryPhoto']).`,
    )
  }
  return {
    id: character.id,
    movieId: character.movie.id,
    name: character.name,
    description: character.description ?? null,
    role: character.role,
    actor: actor ? toPersonRef(actor) : null,
  }
}

/** The columns characterDtoOf reads: a character with its actor and their photo, as CHARACTER_COLUMNS selects them. */
export interface CharacterRow {
  id: number
  name: string
  description: string | null
  role: CharacterRole
  movie_id: number
  actor_id: number | null
  actor_first_name: string | null
  actor_last_name: string | null
  actor_photo_url: string | null
}

/** SQL for CharacterRow over `character c`, with CHARACTER_JOINS. */
export const CHARACTER_COLUMNS = `c.id, c.name, c.description, c.role, c.movie_id, c.actor_id,
  actor.first_name as actor_first_name, actor.last_name as actor_last_name, photo.url as actor_photo_url`
export const CHARACTER_JOINS = `left join person actor on actor.id = c.actor_id
  left join file photo on photo.id = actor.primary_photo_id`

/** The character as the renderer sees it, from a row read by SQL (see toCharacterDto for entities). */
export const characterDtoOf = (row: CharacterRow): CharacterDto => ({
  id: row.id,
  movieId: row.movie_id,
  name: row.name,
  description: row.description,
  role: row.role,
  actor:
    row.actor_id === null
      ? null
      : {
          id: row.actor_id,
          firstName: row.actor_first_name,
          lastName: row.actor_last_name,
          fullName: fullNameOf({ firstName: row.actor_first_name, lastName: row.actor_last_name }),
          photoUrl: listImageUrl(row.actor_photo_url),
        },
})
