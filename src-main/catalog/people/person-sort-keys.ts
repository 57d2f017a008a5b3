import type { OrderSql } from '../kept-orders.ts'
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

/** The index of the date-of-birth key running `direction`. */
const birthDateIndex = (direction: 'asc' | 'desc') => `person_sort_date_of_birth_${direction}_index`

/** The date-of-birth keys as index definitions need them (no table alias). */
export const personSortIndexes = (): { name: string; expression: string }[] =>
  (['asc', 'desc'] as const).map((direction) => {
    const name = birthDateIndex(direction)
    const column = BIRTH_DATE_KEYS[direction].replaceAll('p.', '')
    return { name, expression: `create index \`${name}\` on \`person\` (${column}, \`id\`)` }
  })

/** The orders of the people list: by name, and by date of birth either way. */
export type PersonOrderKind = 'name' | 'dateOfBirth-asc' | 'dateOfBirth-desc'

/** One order of the people list as SQL over `person p` (see OrderSql). */
export interface PersonOrderSql extends OrderSql {
  /** The same order backwards, along the same index. */
  backwards: string
}

const { last: LAST, first: FIRST } = PERSON_NAME_KEYS

const byBirthDate = (direction: 'asc' | 'desc'): PersonOrderSql => {
  const key = BIRTH_DATE_KEYS[direction]
  const reverse = direction === 'asc' ? 'desc' : 'asc'
  return {
    from: 'person p',
    index: birthDateIndex(direction),
    orderBy: `${key} ${direction}, p.id ${direction}`,
    backwards: `${key} ${reverse}, p.id ${reverse}`,
    columns: [key, 'p.id'],
    ascending: direction === 'asc',
  }
}

export const PERSON_ORDERS: Record<PersonOrderKind, PersonOrderSql> = {
  name: {
    from: 'person p',
    index: 'person_name_sort_index',
    orderBy: `${LAST}, ${FIRST}, p.id`,
    // NULL is the smallest value either way, so the unknown names come last.
    backwards: `${LAST} desc, ${FIRST} desc, p.id desc`,
    // NULL sorts first in the name index, so in the row value an unknown name is (0, '') and a known one (1, its key).
    columns: [
      `${LAST} is not null`,
      `ifnull(${LAST}, '')`,
      `${FIRST} is not null`,
      `ifnull(${FIRST}, '')`,
      'p.id',
    ],
    ascending: true,
  },
  'dateOfBirth-asc': byBirthDate('asc'),
  'dateOfBirth-desc': byBirthDate('desc'),
}

/** A cursor of the list by name as the values of its order's key (see PersonOrderSql.columns). */
export const nameOrderValues = (key: PersonSortKey): unknown[] => [
  key.lastNameKey === null ? 0 : 1,
  key.lastNameKey ?? '',
  key.firstNameKey === null ? 0 : 1,
  key.firstNameKey ?? '',
  key.id,
]
