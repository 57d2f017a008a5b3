import type { EntityManager } from '@mikro-orm/sqlite'
import type { z } from 'zod'
import type { CharacterRole } from '../../../src-shared/characters.ts'
import type { PersonDetail, PersonDraft, PersonUpdate, PersonUsage } from '../../../src-shared/people.ts'
import { toIsoTimestamp } from '../../db/iso.ts'
import { Country } from '../countries/country.entity.ts'
import { assertNotStale, invalidField, missingReference, notFound } from '../errors.ts'
import { toFileDtoOrNull } from '../files/file.dto.ts'
import { FileRecord } from '../files/file.entity.ts'
import { fullNameOf } from './person.dto.ts'
import { Person } from './person.entity.ts'

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
  const person = await em.findOne(Person, id, { populate: ['country', 'primaryPhoto'] })
  if (!person) throw notFound('person', id)
  return person
}

interface MovieRow {
  id: number
  title: string
  releaseDate: string | null
}

interface CharacterRow {
  id: number
  name: string
  role: CharacterRole
  movieId: number
  movieTitle: string
  movieReleaseDate: string | null
}

// Unknown release dates last, as the movies list sorts them ascending.
const BY_RELEASE_THEN_TITLE = "ifnull(m.release_date, '9999-12-31'), m.title_sort_key, m.id"

async function toPersonDetail(em: EntityManager, person: Person): Promise<PersonDetail> {
  const directed = await em.execute<MovieRow[]>(
    `select m.id, m.title, m.release_date as releaseDate from movie m
      where m.director_id = ? order by ${BY_RELEASE_THEN_TITLE}`,
    [person.id],
  )
  const characters = await em.execute<CharacterRow[]>(
    `select c.id, c.name, c.role, m.id as movieId, m.title as movieTitle, m.release_date as movieReleaseDate
       from character c join movie m on m.id = c.movie_id
      where c.actor_id = ? order by ${BY_RELEASE_THEN_TITLE}, c.id`,
    [person.id],
  )
  return {
    id: person.id,
    firstName: person.firstName ?? null,
    lastName: person.lastName ?? null,
    fullName: fullNameOf(person),
    biography: person.biography ?? null,
    dateOfBirth: person.dateOfBirth ?? null,
    gender: person.gender ?? null,
    country: person.country ? { id: person.country.id, name: person.country.name } : null,
    photo: toFileDtoOrNull(person.primaryPhoto),
    directed: directed.map((row) => ({ id: row.id, title: row.title, releaseDate: row.releaseDate })),
    characters: characters.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      movie: { id: row.movieId, title: row.movieTitle, releaseDate: row.movieReleaseDate },
    })),
    createdAt: toIsoTimestamp(person.createdAt),
    updatedAt: toIsoTimestamp(person.updatedAt),
  }
}

/** Adds a person; the country and photo they point at must exist. */
export async function createPerson(
  em: EntityManager,
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
  return toPersonDetail(em, person)
}

/** Changes only the fields present in the input; the person must still have a name afterwards. */
export async function updatePerson(
  em: EntityManager,
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
  return toPersonDetail(em, person)
}

export async function getPerson(em: EntityManager, id: number): Promise<PersonDetail> {
  return toPersonDetail(em, await findPerson(em, id))
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
