import { z } from 'zod'
import { ById, Id, optionalText, requiredName } from './common.ts'
import { out } from './contract-kit.ts'
import type { PersonRef } from './movies.ts'

export const CHARACTER_ROLES = ['lead', 'supporting', 'cameo', 'voice', 'minor', 'uncredited'] as const
export type CharacterRole = (typeof CHARACTER_ROLES)[number]
export const DEFAULT_CHARACTER_ROLE: CharacterRole = 'supporting'

const characterFields = {
  name: requiredName('Character name'),
  description: optionalText(5_000),
  role: z.enum(CHARACTER_ROLES, { error: `Role is one of: ${CHARACTER_ROLES.join(', ')}.` }),
  actorId: Id.nullish(),
}

export const CharacterDraft = z.object({
  movieId: Id,
  ...characterFields,
  role: characterFields.role.default(DEFAULT_CHARACTER_ROLE),
})

export const CharacterUpdate = z.object({ id: Id, ...z.object(characterFields).partial().shape })

export const CharacterActorLink = z.object({ id: Id, actorId: Id.nullable() })

export interface CharacterDto {
  id: number
  movieId: number
  name: string
  description: string | null
  role: CharacterRole
  actor: PersonRef | null
}

export const characterChannels = {
  'characters:add': {
    kind: 'command',
    input: CharacterDraft,
    output: out<CharacterDto>(),
    changes: ['characters'],
  },
  'characters:update': {
    kind: 'command',
    input: CharacterUpdate,
    output: out<CharacterDto>(),
    changes: ['characters'],
  },
  'characters:remove': {
    kind: 'command',
    input: ById,
    output: out<{ deleted: true }>(),
    changes: ['characters'],
  },
  'characters:setActor': {
    kind: 'command',
    input: CharacterActorLink,
    output: out<CharacterDto>(),
    changes: ['characters'],
  },
} as const
