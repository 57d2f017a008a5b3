import type { EntityManager } from '@mikro-orm/sqlite'
import type { z } from 'zod'
import { AppError } from '../../../src-shared/errors.ts'
import type {
  CountryDraft,
  CountryRename,
  CountryUsage,
  TermWithCount,
} from '../../../src-shared/taxonomy.ts'
import { notFound } from '../errors.ts'
import { Country } from './country.entity.ts'

/** Every country by name (case-insensitive), with how many movies were made there. */
export function listCountries(em: EntityManager): Promise<TermWithCount[]> {
  return em.execute<TermWithCount[]>(
    `select c.id, c.name, (select count(*) from movie m where m.country_id = c.id) as movieCount
       from country c order by c.name collate nocase, c.id`,
  )
}

async function findCountry(em: EntityManager, id: number): Promise<Country> {
  const country = await em.findOne(Country, id)
  if (!country) throw notFound('country', id)
  return country
}

async function countUsage(em: EntityManager, id: number): Promise<CountryUsage> {
  const [usage] = await em.execute<CountryUsage[]>(
    `select (select count(*) from movie where country_id = ?) as movieCount,
            (select count(*) from person where country_id = ?) as personCount`,
    [id, id],
  )
  return usage ?? { movieCount: 0, personCount: 0 }
}

/** Names are unique without regard to case; the country being renamed may change the case of its own. */
async function ensureNameFree(em: EntityManager, name: string, renamingId?: number): Promise<void> {
  // The name column collates NOCASE, so this equality ignores case.
  const existing = await em.findOne(Country, { name })
  if (existing && existing.id !== renamingId) {
    const message = `A country named "${existing.name}" already exists.`
    throw new AppError('CONFLICT', message, [{ path: ['name'], message }])
  }
}

export async function createCountry(
  em: EntityManager,
  draft: z.output<typeof CountryDraft>,
): Promise<TermWithCount> {
  await ensureNameFree(em, draft.name)
  const country = em.create(Country, { name: draft.name })
  await em.flush()
  return { id: country.id, name: country.name, movieCount: 0 }
}

export async function renameCountry(
  em: EntityManager,
  rename: z.output<typeof CountryRename>,
): Promise<TermWithCount> {
  const country = await findCountry(em, rename.id)
  await ensureNameFree(em, rename.name, country.id)
  country.name = rename.name
  await em.flush()
  const { movieCount } = await countUsage(em, country.id)
  return { id: country.id, name: country.name, movieCount }
}

/** What deleting the country would change: the movies and people that lose it. */
export async function countryUsage(em: EntityManager, id: number): Promise<CountryUsage> {
  await findCountry(em, id)
  return countUsage(em, id)
}

/** Deletes the country; the schema's ON DELETE SET NULL clears it on movies and people. Returns what that cleared. */
export async function deleteCountry(em: EntityManager, id: number): Promise<CountryUsage> {
  const country = await findCountry(em, id)
  const usage = await countUsage(em, id)
  em.remove(country)
  await em.flush()
  return usage
}
