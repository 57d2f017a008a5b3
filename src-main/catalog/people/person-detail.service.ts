import type { CharacterRole } from '../../../src-shared/characters.ts'
import type { ParsedInput } from '../../../src-shared/contract.ts'
import type {
  FilmographyEntry,
  FilmographyOrder,
  FilmographyPart,
  Gender,
  PersonDetail,
} from '../../../src-shared/people.ts'
import { toIsoTimestamp } from '../../db/iso.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import { notFound } from '../errors.ts'
import { toFileDtoOrNull } from '../files/file.dto.ts'
import { releaseDateOf } from '../movies/release-date.ts'
import type { ReadContext } from '../service-context.ts'
import {
  isFilmographyOrderKept,
  type Parts,
  partsInOrder,
  partsOf,
  SORTED_BY_SQL_UP_TO,
} from './filmography-order.ts'
import { fullNameOf } from './person.dto.ts'

interface PersonRow {
  id: number
  first_name: string | null
  last_name: string | null
  biography: string | null
  date_of_birth: string | null
  gender: Gender | null
  created_at: number | string
  updated_at: number | string
  country_id: number | null
  country_name: string | null
  photo_id: number | null
  photo_file_name: string
  photo_mime_type: string
  photo_size: number
  photo_url: string
  photo_key: string
}

interface MovieRow {
  id: number
  title: string
  release_date: string | null
  release_date_precision: string
}

interface CharacterRow extends MovieRow {
  character_id: number | null
  name: string | null
  role: CharacterRole | null
}

// Unknown release dates last either way; a year alone sorts as its 1 January. Ties by title, then by film (the
// order partsInOrder keeps too).
const BY_RELEASE: Record<FilmographyOrder, string> = {
  oldest: "ifnull(m.release_date, '9999-12-31'), m.title_sort_key, m.id",
  newest: 'm.release_date is null, m.release_date desc, m.title_sort_key, m.id',
}

/** How many films the person (`?`) directed, and how many characters they play. */
const COUNT_OF: Record<FilmographyPart, string> = {
  directed: 'select count(*) from movie where director_id = ?',
  played: 'select count(*) from character where actor_id = ?',
}

/**
 * A person's page by prepared statements: the person with their country and photo, and how many films they
 * directed and characters they play. The films and characters come a stretch at a time (readFilmography): a
 * prolific actor has thousands, which took 25 ms to read and sort at 100,000 films, and as long to send.
 * `sql` is the read connection for people:get, and the write connection inside the call's transaction after
 * a save, which sees what the save wrote.
 */
export function readPersonDetail(sql: PreparedSql, id: number): PersonDetail {
  const person = sql.get<PersonRow>(
    `select p.id, p.first_name, p.last_name, p.biography, p.date_of_birth, p.gender, p.created_at, p.updated_at,
            p.country_id, c.name as country_name, p.primary_photo_id as photo_id, f.file_name as photo_file_name,
            f.mime_type as photo_mime_type, f.size as photo_size, f.url as photo_url, f.key as photo_key
       from person p left join country c on c.id = p.country_id left join file f on f.id = p.primary_photo_id
      where p.id = ?`,
    [id],
  )
  if (!person) throw notFound('person', id)
  const counted = sql.get<Record<FilmographyPart, number>>(
    `select (${COUNT_OF.directed}) as directed, (${COUNT_OF.played}) as played`,
    [id, id],
  )!
  return {
    id: person.id,
    firstName: person.first_name,
    lastName: person.last_name,
    fullName: fullNameOf({ firstName: person.first_name, lastName: person.last_name }),
    biography: person.biography,
    dateOfBirth: person.date_of_birth,
    gender: person.gender,
    country: person.country_id === null ? null : { id: person.country_id, name: person.country_name! },
    photo: toFileDtoOrNull(
      person.photo_id === null
        ? null
        : {
            id: person.photo_id,
            fileName: person.photo_file_name,
            mimeType: person.photo_mime_type,
            size: person.photo_size,
            url: person.photo_url,
            key: person.photo_key,
          },
    ),
    filmography: { directed: counted.directed, played: counted.played },
    createdAt: toIsoTimestamp(person.created_at),
    updatedAt: toIsoTimestamp(person.updated_at),
  }
}

/** The filmography's rows, `parts` in the order given (their places in `all`), read by id. */
function rowsOf(sql: PreparedSql, all: Parts, parts: number[]): CharacterRow[] {
  if (parts.length === 0) return []
  const ids = parts.map((n) => (all.characters ?? all.movies)[n] as number)
  const byId = new Map(
    (all.characters
      ? sql.all<CharacterRow & { key: number }>(
          `select c.id as key, c.id as character_id, c.name, c.role, m.id, m.title, m.release_date,
                  m.release_date_precision
             from character c join movie m on m.id = c.movie_id where c.id in (select value from json_each(?))`,
          [JSON.stringify(ids)],
        )
      : sql.all<CharacterRow & { key: number }>(
          `select m.id as key, null as character_id, null as name, null as role, m.id, m.title, m.release_date,
                  m.release_date_precision
             from movie m where m.id in (select value from json_each(?))`,
          [JSON.stringify(ids)],
        )
    ).map((row) => [row.key, row]),
  )
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/**
 * A stretch of the films a person directed or the characters they played, in release order, and how many
 * there are in all. The person's parts are read from their index; few are sorted by SQL, many in memory (see
 * SORTED_BY_SQL_UP_TO).
 */
export function readFilmography(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  query: ParsedInput<'people:filmography'>,
): { items: FilmographyEntry[]; total: number } {
  const { sql } = ctx
  const { personId, part, order, position, limit } = query
  if (!sql.get('select 1 from person where id = ?', [personId])) throw notFound('person', personId)
  const parts = partsOf(sql, personId, part)
  const total = parts.movies.length
  const rows =
    total > SORTED_BY_SQL_UP_TO || isFilmographyOrderKept(ctx)
      ? rowsOf(sql, parts, partsInOrder(ctx, parts, order, position, limit))
      : part === 'directed'
        ? sql.all<CharacterRow>(
            `select null as character_id, null as name, null as role, m.id, m.title, m.release_date,
                    m.release_date_precision
               from movie m where m.director_id = ? order by ${BY_RELEASE[order]} limit ? offset ?`,
            [personId, limit, position],
          )
        : sql.all<CharacterRow>(
            `select c.id as character_id, c.name, c.role, m.id, m.title, m.release_date, m.release_date_precision
               from character c join movie m on m.id = c.movie_id
              where c.actor_id = ? order by ${BY_RELEASE[order]}, c.id limit ? offset ?`,
            [personId, limit, position],
          )
  return {
    total,
    items: rows.map((row) => ({
      movie: {
        id: row.id,
        title: row.title,
        releaseDate: releaseDateOf(row.release_date, row.release_date_precision),
      },
      character:
        row.character_id === null ? null : { id: row.character_id, name: row.name!, role: row.role! },
    })),
  }
}
