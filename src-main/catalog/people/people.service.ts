import type { EntityManager } from '@mikro-orm/sqlite'
import type { z } from 'zod'
import type { PersonDetail, PersonDraft, PersonUpdate, PersonUsage } from '../../../src-shared/people.ts'
import { Country } from '../countries/country.entity.ts'
import { assertNotStale, invalidField, missingReference, notFound } from '../errors.ts'
import { FileRecord } from '../files/file.entity.ts'
import type { ServiceContext } from '../service-context.ts'
import { Person } from './person.entity.ts'
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
