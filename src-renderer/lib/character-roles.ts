import { CHARACTER_ROLES, type CharacterRole } from '../../src-shared/characters.ts'

/** How each of the contract's character roles reads on screen. */
export const CHARACTER_ROLE_LABELS: Record<CharacterRole, string> = {
  lead: 'Lead',
  supporting: 'Supporting',
  cameo: 'Cameo',
  voice: 'Voice',
  minor: 'Minor',
  uncredited: 'Uncredited',
}

/** The roles as choices, in the contract's order. */
export const CHARACTER_ROLE_OPTIONS = CHARACTER_ROLES.map((role) => ({
  value: role,
  label: CHARACTER_ROLE_LABELS[role],
}))
