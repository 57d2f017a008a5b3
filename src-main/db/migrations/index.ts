import { Migration20261128091445_initial } from './Migration20261128091445_initial.ts'
import { Migration20261128100000_search } from './Migration20261128100000_search.ts'
import { Migration20261128100100_reference_data } from './Migration20261128100100_reference_data.ts'
import { Migration20261129005814_sign_in_streak } from './Migration20261129005814_sign_in_streak.ts'
import { Migration20261129010000_ui_part1 } from './Migration20261129010000_ui_part1.ts'
import { Migration20261130090000_search_one_letter } from './Migration20261130090000_search_one_letter.ts'
import { Migration20261130090100_people_indexes } from './Migration20261130090100_people_indexes.ts'
import { Migration20261201090000_search_longer_prefixes } from './Migration20261201090000_search_longer_prefixes.ts'

/**
 * Every migration, in order, by the name recorded in the database. Static imports so a bundled app
 * carries them, and names written out so minification cannot change them (STACK.md #2).
 */
export const migrationsList = [
  { name: 'Migration20261128091445_initial', class: Migration20261128091445_initial },
  { name: 'Migration20261128100000_search', class: Migration20261128100000_search },
  { name: 'Migration20261128100100_reference_data', class: Migration20261128100100_reference_data },
  { name: 'Migration20261129005814_sign_in_streak', class: Migration20261129005814_sign_in_streak },
  { name: 'Migration20261129010000_ui_part1', class: Migration20261129010000_ui_part1 },
  { name: 'Migration20261130090000_search_one_letter', class: Migration20261130090000_search_one_letter },
  { name: 'Migration20261130090100_people_indexes', class: Migration20261130090100_people_indexes },
  {
    name: 'Migration20261201090000_search_longer_prefixes',
    class: Migration20261201090000_search_longer_prefixes,
  },
]
