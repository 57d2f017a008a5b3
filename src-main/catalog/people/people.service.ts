import type { EntityManager } from '@mikro-orm/sqlite'
import type { z } from 'zod'
import type { Page } from '../../../src-shared/common.ts'
import type {
  PersonDetail,
  PersonDraft,
  PersonListItem,
  PersonListQuery,
  PersonUpdate,
  PersonUsage,
} from '../../../src-shared/people.ts'
import { Country } from '../countries/country.entity.ts'
import { assertNotStale, invalidField, missingReference, notFound } from '../errors.ts'
import { listImageUrl } from '../files/file.dto.ts'
import { FileRecord } from '../files/file.entity.ts'
import { toFtsPrefixQuery } from '../search/fts-query.ts'
import type { ServiceContext } from '../service-context.ts'
import { fullNameOf } from './person.dto.ts'
import { Person } from './person.entity.ts'
import { decodePersonCursor, encodePersonCursor, type PersonSortKey } from './person-cursor.ts'
import { readPersonDetail } from './person-detail.service.ts'

async function findCountry(em: EntityManager, id: number): Promise<Country> {
  const country = await em.findOne(Country, id)
  if (!country) throw missingReference('countryId', 'country', id)
  return country
}

async function findPhoto(em: EntityManager, id: number): Promise<FileRecord> {
  const file = await em.findOne(FileRecord, id)
  if (!file) throw missingReference('primaryPhotoFileId', 'file', id)
  return file
}

async function findPerson(em: EntityManager, id: number): Promise<Person> {
  const person = await em.findOne(Person, id)
  if (!person) throw notFound('person', id)
  return person
}

/** Adds a person; the country and photo they point at must exist. */
export async function createPerson(
  { em, sql }: Pick<ServiceContext, 'em' | 'sql'>,
  draft: z.output<typeof PersonDraft>,
): Promise<PersonDetail> {
  const country = draft.countryId ? await findCountry(em, draft.countryId) : null
  const photo = draft.primaryPhotoFileId ? await findPhoto(em, draft.primaryPhotoFileId) : null
  const person = em.create(Person, {
    firstName: draft.firstName,
    lastName: draft.lastName,
    biography: draft.biography,
    dateOfBirth: draft.dateOfBirth ?? null,
    gender: draft.gender ?? null,
    country,
    primaryPhoto: photo,
  })
  await em.flush()
  return readPersonDetail(sql, person.id)
}

/** Changes only the fields present in the input; the person must still have a name afterwards. */
export async function updatePerson(
  { em, sql }: Pick<ServiceContext, 'em' | 'sql'>,
  update: z.output<typeof PersonUpdate>,
): Promise<PersonDetail> {
  const { id, expectedUpdatedAt, countryId, primaryPhotoFileId, ...fields } = update
  const person = await findPerson(em, id)
  assertNotStale('person', person.updatedAt, expectedUpdatedAt)
  em.assign(person, fields)
  if (!person.firstName && !person.lastName) {
    throw invalidField('lastName', 'A person needs a first or a last name.')
  }
  if (countryId !== undefined) person.country = countryId === null ? null : await findCountry(em, countryId)
  if (primaryPhotoFileId !== undefined) {
    person.primaryPhoto = primaryPhotoFileId === null ? null : await findPhoto(em, primaryPhotoFileId)
  }
  await em.flush()
  return readPersonDetail(sql, person.id)
}

async function countUsage(em: EntityManager, id: number): Promise<PersonUsage> {
  const [usage] = await em.execute<PersonUsage[]>(
    `select (select count(*) from movie where director_id = ?) as directedMovies,
            (select count(*) from character where actor_id = ?) as characters`,
    [id, id],
  )
  return usage ?? { directedMovies: 0, characters: 0 }
}

/** What deleting the person would change: the movies they directed and the characters they played. */
export async function personUsage(em: EntityManager, id: number): Promise<PersonUsage> {
  if (!(await em.count(Person, { id }))) throw notFound('person', id)
  return countUsage(em, id)
}

/**
 * Deletes the person; the schema's ON DELETE SET NULL clears them as director and as actor.
 * Returns what that cleared.
 */
export async function deletePerson(em: EntityManager, id: number): Promise<PersonUsage> {
  const person = await em.findOne(Person, id)
  if (!person) throw notFound('person', id)
  const usage = await countUsage(em, id)
  em.remove(person)
  await em.flush()
  return usage
}

interface PersonListRow extends PersonSortKey {
  firstName: string | null
  lastName: string | null
  dateOfBirth: string | null
  photoFileUrl: string | null
}

// Matches `person_name_sort_index`, so a page is an index seek, never an OFFSET scan.
const LAST = 'p.last_name_sort_key'
const FIRST = 'p.first_name_sort_key'

/**
 * Rows strictly after `after` in (last name, first name, id) order, where an unknown name sorts first.
 * Row-value comparison drops rows with a NULL where it compares, which is right only where the cursor
 * has a value, so the NULL positions are spelled out. SQLite seeks the index only on a plain bound of
 * its first column, hence the redundant `>=`.
 */
function afterCursor(after: PersonSortKey): { sql: string; params: unknown[] } {
  const { lastNameKey: lastName, firstNameKey: firstName, id } = after
  if (lastName === null) {
    return firstName === null
      ? { sql: `(${LAST} is not null or ${FIRST} is not null or p.id > ?)`, params: [id] }
      : {
          sql: `(${LAST} is not null or (${FIRST}, p.id) > (?, ?))`,
          params: [firstName, id],
        }
  }
  return firstName === null
    ? {
        sql: `${LAST} >= ? and (${LAST} > ? or ${FIRST} is not null or p.id > ?)`,
        params: [lastName, lastName, id],
      }
    : {
        sql: `${LAST} >= ? and (${LAST}, ${FIRST}, p.id) > (?, ?, ?)`,
        params: [lastName, lastName, firstName, id],
      }
}

// SQLite adds up the cell counts of the smallest index's pages: cheap with the page cache (see PAGE_CACHE_KIB).
const countEveryone = async (em: EntityManager) =>
  (await em.execute<{ total: number }[]>('select count(*) as total from person'))[0]?.total ?? 0

// From the full-text index alone: the person rows add nothing to the number.
const countMatches = async (em: EntityManager, match: string) =>
  (
    await em.execute<{ total: number }[]>(
      'select count(*) as total from person_search where person_search match ?',
      [match],
    )
  )[0]?.total ?? 0

/** One page of people by family name, then given name; `text` keeps those whose names start with its words. */
export async function listPeople(
  em: EntityManager,
  query: z.output<typeof PersonListQuery>,
): Promise<Page<PersonListItem>> {
  const filters: string[] = []
  const filterParams: unknown[] = []
  const match = query.text ? toFtsPrefixQuery(query.text) : null
  // Text with nothing searchable in it ("!!!") matches nobody, as in search:all.
  const total = match ? await countMatches(em, match) : query.text ? 0 : await countEveryone(em)
  if (query.text) {
    // Few matches are read from the full-text index and sorted; many, by walking the name index and testing
    // each person (`+` keeps SQLite on that index), so a page costs about its own rows.
    const many = match !== null && 4 * total ** 2 > (query.limit + 1) * (await countEveryone(em))
    filters.push(
      match ? `${many ? '+' : ''}p.id in (select rowid from person_search where person_search match ?)` : '0',
    )
    if (match) filterParams.push(match)
  }
  const pageFilters = [...filters]
  const pageParams = [...filterParams]
  if (query.cursor) {
    const after = afterCursor(decodePersonCursor(query.cursor))
    pageFilters.push(after.sql)
    pageParams.push(...after.params)
  }
  const where = (conditions: string[]) => (conditions.length ? `where ${conditions.join(' and ')}` : '')

  const rows = await em.execute<PersonListRow[]>(
    `select p.id, p.first_name as firstName, p.last_name as lastName, ${LAST} as lastNameKey,
            ${FIRST} as firstNameKey, p.date_of_birth as dateOfBirth,
            f.url as photoFileUrl
       from person p left join file f on f.id = p.primary_photo_id
       ${where(pageFilters)}
      order by ${LAST}, ${FIRST}, p.id
      limit ?`,
    [...pageParams, query.limit + 1],
  )

  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => ({
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      fullName: fullNameOf(row),
      dateOfBirth: row.dateOfBirth,
      photoUrl: listImageUrl(row.photoFileUrl),
    })),
    total,
    nextCursor: rows.length > query.limit && last ? encodePersonCursor(last) : null,
  }
}
