import { characterHandlers } from '../catalog/characters/characters.handlers.ts'
import { countryHandlers } from '../catalog/countries/countries.handlers.ts'
import { favoriteHandlers } from '../catalog/favorites/favorites.handlers.ts'
import { fileHandlers } from '../catalog/files/files.handlers.ts'
import { genreHandlers } from '../catalog/genres/genres.handlers.ts'
import { movieHandlers } from '../catalog/movies/movies.handlers.ts'
import { peopleHandlers } from '../catalog/people/people.handlers.ts'
import { searchHandlers } from '../catalog/search/search.handlers.ts'
import { statsHandlers } from '../catalog/stats/stats.handlers.ts'
import { userHandlers } from '../catalog/users/users.handlers.ts'
import { taskHandlers } from '../tasks/tasks.handlers.ts'
import { backupHandlers } from '../transfer/backup/backups.handlers.ts'
import { transferHandlers } from '../transfer/transfer.handlers.ts'
import type { Handlers } from './handlers.ts'

/** Every channel's handler, one domain map each. */
export const handlers: Handlers = {
  ...movieHandlers,
  ...peopleHandlers,
  ...characterHandlers,
  ...genreHandlers,
  ...countryHandlers,
  ...userHandlers,
  ...favoriteHandlers,
  ...searchHandlers,
  ...statsHandlers,
  ...fileHandlers,
  ...taskHandlers,
  ...transferHandlers,
  ...backupHandlers,
}
