import type { CatalogStats, PersonCount } from '../../../src-shared/stats.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import { fullNameOf } from '../people/person.dto.ts'
import type { ReadContext } from '../service-context.ts'
import {
  DIRECTORS_FOLLOW_MOVIES,
  FOLLOWS_MOVIES,
  favoriteFigures,
  followsFavorites,
  movieFigures,
  tallyFavorites,
  tallyMovies,
} from './movie-figures.ts'

const TOP_PEOPLE = 10

interface PersonCountRow {
  id: number
  firstName: string | null
  lastName: string | null
  count: number
}

const toPersonCounts = (rows: PersonCountRow[]): PersonCount[] =>
  rows.map((row) => ({ id: row.id, fullName: fullNameOf(row), count: row.count }))

/** `counted` is a grouped subquery of (person id, count); the top ones, ties by name as the people list sorts. */
const topPeopleSql = (counted: string) =>
  `select p.id, p.first_name as firstName, p.last_name as lastName, t.count
     from (${counted}) t join person p on p.id = t.personId
    order by t.count desc, p.last_name_sort_key, p.first_name_sort_key, p.id
    limit ${TOP_PEOPLE}`

/** Who directed the most movies, with their names. */
function directorFigures(sql: PreparedSql): PersonCount[] {
  return toPersonCounts(
    sql.all<PersonCountRow>(
      topPeopleSql(
        'select director_id as personId, count(*) as count from movie where director_id is not null group by director_id',
      ),
    ),
  )
}

/** Who plays in the most movies: an aggregate over every character (a million at 100,000 films). */
function castFigures(sql: PreparedSql) {
  const counts = sql.get<{ people: number; characters: number }>(
    'select (select count(*) from person) as people, (select count(*) from character) as characters',
  )
  const actors = sql.all<PersonCountRow>(
    topPeopleSql(
      'select actor_id as personId, count(distinct movie_id) as count from character where actor_id is not null group by actor_id',
    ),
  )
  return { people: counts?.people ?? 0, characters: counts?.characters ?? 0, actors: toPersonCounts(actors) }
}

/**
 * The catalogue at a glance: every figure one SQL aggregate over an index or one pass over the movies,
 * whatever the catalogue's size; nothing is loaded row by row. The aggregates cost what the catalogue holds
 * (half a second at 100,000 films), so each part is kept until the data it adds up changes, and the movies'
 * figures follow an edit of a movie (see movie-figures.ts): the million characters are not counted again
 * for it, nor the hundred thousand films.
 */
export function catalogStats(ctx: Pick<ReadContext, 'sql' | 'derived' | 'session'>): CatalogStats {
  const { sql, derived, session } = ctx
  const { userId } = session
  const tally = derived.get('stats:movies', FOLLOWS_MOVIES, () => tallyMovies(sql))
  const directors = derived.get('stats:directors', DIRECTORS_FOLLOW_MOVIES<PersonCount[]>(), () =>
    directorFigures(sql),
  )
  const cast = derived.get('stats:cast', { dependsOn: ['people', 'characters'] }, () => castFigures(sql))
  const { people, characters, actors } = cast
  return {
    ...movieFigures(sql, tally),
    directors,
    people,
    characters,
    actors,
    // Kept per profile, and following edits: a million films' favorites join their genres (20 ms).
    favorites:
      userId === null
        ? null
        : favoriteFigures(
            sql,
            derived.get(`stats:favorites:${userId}`, followsFavorites(userId), () =>
              tallyFavorites(sql, userId),
            ),
          ),
  }
}
