import { wrap } from '@mikro-orm/core'
import type { CharacterDto } from '../../../src-shared/characters.ts'
import { toPersonRef } from '../people/person.dto.ts'
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
