import type { EntityManager } from '@mikro-orm/sqlite'
import { AppError } from '../../src-shared/errors.ts'
import type { TermWithCount } from '../../src-shared/taxonomy.ts'
import type { PreparedSql } from '../db/prepared-sql.ts'
import type { Country } from './countries/country.entity.ts'
import { notFound } from './errors.ts'
import type { Genre } from './genres/genre.entity.ts'
import { compareNames, sortKeyOf, uniqueKeyOf } from './text-keys.ts'

/** What differs between the catalogue's named terms (genres, countries); everything else is shared. */
export interface NamedTermKind<Term extends Genre | Country, Usage extends { movieCount: number }> {
  entity: new () => Term
  /** "genre", as in `A genre named "Drama" already exists.` */
  label: string
  /** The table the terms live in. */
  table: 'genre' | 'country'
  /** What deleting the term would change. */
  countUsage(em: EntityManager, id: number): Promise<Usage>
}

/**
 * list / create / rename / usage / delete for a term whose name is unique without regard to case
 * (its name key is unique). Deleting relies on the schema's ON DELETE rules and returns the usage it
 * cleared, which the UI showed before asking.
 */
export function namedTermService<Term extends Genre | Country, Usage extends { movieCount: number }>(
  kind: NamedTermKind<Term, Usage>,
) {
  const find = async (em: EntityManager, id: number): Promise<Term> => {
    const term = await em.findOne(kind.entity as never, id)
    if (!term) throw notFound(kind.label, id)
    return term as Term
  }

  /**
   * A name is taken when another term's differs from it only in case, accents or how they are composed
   * ("Film noir", "film noir", "Fílm Noir"). The unique name key catches case and composition; accents are
   * compared here, over every term — a catalogue has tens of genres and a few hundred countries. The term
   * being renamed may change the case or accents of its own name.
   */
  const ensureNameFree = async (em: EntityManager, name: string, renamingId?: number) => {
    const exact = (await em.findOne(
      kind.entity as never,
      { nameKey: uniqueKeyOf(name) } as never,
    )) as Term | null
    const folded = sortKeyOf(name)
    const existing =
      exact ??
      ((await em.find(kind.entity as never, {} as never)) as Term[]).find(
        (term) => term.id !== renamingId && sortKeyOf(term.name) === folded,
      )
    if (existing && existing.id !== renamingId) {
      const message = `A ${kind.label} named "${existing.name}" already exists.`
      throw new AppError('CONFLICT', message, [{ path: ['name'], message }])
    }
  }

  return {
    /**
     * Every term with how many movies it files, from `counts` (kept by the facets; see everyMovieCounts), sorted
     * by name here, not in SQL (see text-keys.ts).
     */
    list: (sql: PreparedSql, counts: Map<number, number>): TermWithCount[] =>
      sql
        .all<{ id: number; name: string }>(`select id, name from ${kind.table}`)
        .map((term) => ({ ...term, movieCount: counts.get(term.id) ?? 0 }))
        .sort(compareNames),

    async create(em: EntityManager, { name }: { name: string }): Promise<TermWithCount> {
      await ensureNameFree(em, name)
      const term = em.create(kind.entity as never, { name } as never) as Term
      await em.flush()
      return { id: term.id, name: term.name, movieCount: 0 }
    },

    async rename(em: EntityManager, { id, name }: { id: number; name: string }): Promise<TermWithCount> {
      const term = await find(em, id)
      await ensureNameFree(em, name, term.id)
      term.name = name
      await em.flush()
      const { movieCount } = await kind.countUsage(em, term.id)
      return { id: term.id, name: term.name, movieCount }
    },

    async usage(em: EntityManager, id: number): Promise<Usage> {
      await find(em, id)
      return kind.countUsage(em, id)
    },

    async delete(em: EntityManager, id: number): Promise<Usage> {
      const term = await find(em, id)
      const usage = await kind.countUsage(em, id)
      em.remove(term)
      await em.flush()
      return usage
    },
  }
}
