import type { PersonSortKey } from './person-cursor.ts'

/**
 * The SQL each order of the people list keys on, with the table aliased `p`. By name: the family and given
 * name sort keys (see text-keys.ts), unknown first, on `person_name_sort_index`. By date of birth: unknown
 * last in both directions, so each direction has its own key, and an index on each (key, id) lets a page
 * start anywhere with a keyset seek.
 */
export const PERSON_NAME_KEYS = { last: 'p.last_name_sort_key', first: 'p.first_name_sort_key' } as const

export const BIRTH_DATE_KEYS = {
  asc: "ifnull(p.date_of_birth, '9999-12-31')",
  desc: "ifnull(p.date_of_birth, '')",
} as const

/** The date-of-birth sort value of a row, as its key expression computes it. */
export const birthDateKeyOf = (dateOfBirth: string | null, direction: 'asc' | 'desc'): string =>
  dateOfBirth ?? (direction === 'asc' ? '9999-12-31' : '')

/** The date-of-birth keys as index definitions need them (no table alias). */
export const personSortIndexes = (): { name: string; expression: string }[] =>
  (['asc', 'desc'] as const).map((direction) => {
    const name = `person_sort_date_of_birth_${direction}_index`
    const column = BIRTH_DATE_KEYS[direction].replaceAll('p.', '')
    return { name, expression: `create index \`${name}\` on \`person\` (${column}, \`id\`)` }
  })

/** The orders of the people list: by name, and by date of birth either way. */
export type PersonOrderKind = 'name' | 'dateOfBirth-asc' | 'dateOfBirth-desc'

/**
 * Each order's sort key as a row value without NULLs, and which way it runs, so that one comparison of row values
 * tells whether a person comes after a cursor or after another person (see person-orders.ts). NULL sorts first in
 * the name index, so an unknown name is (0, '') and a known one (1, its key).
 */
export const PERSON_ORDER_KEYS: Record<PersonOrderKind, { columns: string[]; ascending: boolean }> = {
  name: {
    columns: [
      `${PERSON_NAME_KEYS.last} is not null`,
      `ifnull(${PERSON_NAME_KEYS.last}, '')`,
      `${PERSON_NAME_KEYS.first} is not null`,
      `ifnull(${PERSON_NAME_KEYS.first}, '')`,
      'p.id',
    ],
    ascending: true,
  },
  'dateOfBirth-asc': { columns: [BIRTH_DATE_KEYS.asc, 'p.id'], ascending: true },
  'dateOfBirth-desc': { columns: [BIRTH_DATE_KEYS.desc, 'p.id'], ascending: false },
}

/** A cursor of the list by name as the values of its order's key (see PERSON_ORDER_KEYS). */
export const nameOrderValues = (key: PersonSortKey): unknown[] => [
  key.lastNameKey === null ? 0 : 1,
  key.lastNameKey ?? '',
  key.firstNameKey === null ? 0 : 1,
  key.firstNameKey ?? '',
  key.id,
]
