import type { EntityManager } from '@mikro-orm/sqlite'
import type { z } from 'zod'
import type {
  CharacterActorLink,
  CharacterDraft,
  CharacterDto,
  CharacterUpdate,
} from '../../../src-shared/characters.ts'
import { missingReference, notFound } from '../errors.ts'
import { Person } from '../people/person.entity.ts'
import type { ServiceContext } from '../service-context.ts'
import {
  CHARACTER_COLUMNS,
  CHARACTER_JOINS,
  type CharacterRow,
  characterDtoOf,
  toCharacterDto,
} from './character.dto.ts'
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

/**
 * Adds a character to a movie, played by an existing person or by nobody known yet. Three prepared statements in
 * the call's transaction (the entity's columns, its timestamps as the ORM sets them), not the ORM's unit of work.
 */
export async function addCharacter(
  { sql }: ServiceContext,
  draft: z.output<typeof CharacterDraft>,
): Promise<CharacterDto> {
  if (!sql.get('select 1 from movie where id = ?', [draft.movieId])) {
    throw missingReference('movieId', 'movie', draft.movieId)
  }
  const actorId = draft.actorId ?? null
  if (actorId !== null && !sql.get('select 1 from person where id = ?', [actorId])) {
    throw missingReference('actorId', 'person', actorId)
  }
  const now = Date.now()
  const { lastInsertRowid } = sql.run(
    `insert into character (name, description, role, movie_id, actor_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
    [draft.name, draft.description ?? null, draft.role, draft.movieId, actorId, now, now],
  )
  return characterDtoOf(
    sql.get<CharacterRow>(`select ${CHARACTER_COLUMNS} from character c ${CHARACTER_JOINS} where c.id = ?`, [
      Number(lastInsertRowid),
    ])!,
  )
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
