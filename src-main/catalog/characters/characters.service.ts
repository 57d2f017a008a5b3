import type { EntityManager } from '@mikro-orm/sqlite'
import type { z } from 'zod'
import type {
  CharacterActorLink,
  CharacterDraft,
  CharacterDto,
  CharacterUpdate,
} from '../../../src-shared/characters.ts'
import { missingReference, notFound } from '../errors.ts'
import { Movie } from '../movies/movie.entity.ts'
import { Person } from '../people/person.entity.ts'
import { toCharacterDto } from './character.dto.ts'
import { Character } from './character.entity.ts'

async function findActor(em: EntityManager, actorId: number | null): Promise<Person | null> {
  if (actorId === null) return null
  const actor = await em.findOne(Person, actorId, { populate: ['primaryPhoto'] })
  if (!actor) throw missingReference('actorId', 'person', actorId)
  return actor
}

async function findCharacter(em: EntityManager, id: number): Promise<Character> {
  const character = await em.findOne(Character, id, { populate: ['actor.primaryPhoto'] })
  if (!character) throw notFound('character', id)
  return character
}

/** Adds a character to a movie, played by an existing person or by nobody known yet. */
export async function addCharacter(
  em: EntityManager,
  draft: z.output<typeof CharacterDraft>,
): Promise<CharacterDto> {
  if (!(await em.count(Movie, { id: draft.movieId })))
    throw missingReference('movieId', 'movie', draft.movieId)
  const actor = await findActor(em, draft.actorId ?? null)
  const character = em.create(Character, {
    movie: em.getReference(Movie, draft.movieId),
    name: draft.name,
    description: draft.description,
    role: draft.role,
    actor,
  })
  await em.flush()
  return toCharacterDto(character)
}

/** Changes only the fields present in the input. */
export async function updateCharacter(
  em: EntityManager,
  update: z.output<typeof CharacterUpdate>,
): Promise<CharacterDto> {
  const { id, actorId, ...fields } = update
  const character = await findCharacter(em, id)
  em.assign(character, fields)
  if (actorId !== undefined) character.actor = await findActor(em, actorId)
  await em.flush()
  return toCharacterDto(character)
}

/** Links the character to the person who plays them, or unlinks with null. */
export async function setCharacterActor(
  em: EntityManager,
  link: z.output<typeof CharacterActorLink>,
): Promise<CharacterDto> {
  const character = await findCharacter(em, link.id)
  character.actor = await findActor(em, link.actorId)
  await em.flush()
  return toCharacterDto(character)
}

export async function removeCharacter(em: EntityManager, id: number): Promise<{ deleted: true }> {
  const character = await em.findOne(Character, id)
  if (!character) throw notFound('character', id)
  em.remove(character)
  await em.flush()
  return { deleted: true }
}
