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
