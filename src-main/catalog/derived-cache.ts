import type { DataDomain } from '../../src-shared/contract-kit.ts'
import type { PreparedSql } from '../db/prepared-sql.ts'

// Each entry is small (a list's counts; its anchors: a few hundred keys at 100,000 films); this bounds the sum.
const MAX_ENTRIES = 64

/**
 * How many of the answers that note the edited movies beforehand follow an edit, the most recently used first;
 * the others are dropped. Each costs some 0.1 ms of the command's time (a statement before it and one after),
 * and a command's whole time is meant to stay under 5 ms.
 */
const FOLLOWED_AT_MOST = 24

/**
 * How a kept answer follows a change to a few movies instead of being dropped: `before` notes what it needs to
 * know of those movies while the change has not happened yet (in the command's transaction, before its work);
 * `after` is given that note once the change is committed and returns the answer as it now stands, or null
 * when it cannot tell (it is then dropped and computed again when next asked).
 */
export interface MovieUpkeep<T, Note = unknown> {
  before?(movies: EditedMovies): Note
  after(kept: T, movies: EditedMovies, note: Note | undefined): T | null
}

/**
 * The movies of an edit, as the kept answers ask about them before it or after it: `sql` sees them as they
 * are at that moment, and what one answer works out about them (`shared`) the others asking the same reuse.
 */
export interface EditedMovies {
  sql: PreparedSql
  movieIds: number[]
  shared<T>(key: string, compute: () => T): T
}

/**
 * A derivation whose answer follows an edit by what `observe` says of the edited movies before the edit and
 * after it (their standing in a list, the values they count under): `follow` is given both.
 */
export function followingEdits<T, Observed>(
  dependsOn: readonly DataDomain[],
  observe: (movies: EditedMovies) => Observed,
  follow: (kept: T, before: Observed, after: Observed, movies: EditedMovies) => T | null,
): Derivation<T> {
  return {
    dependsOn,
    upkeep: {
      before: observe,
      // Only called with the note `before` took (see dataChanged).
      after: (kept, movies, note) => follow(kept, note as Observed, observe(movies), movies),
    },
  }
}

function editedMovies(sql: PreparedSql, movieIds: number[]): EditedMovies {
  const worked = new Map<string, unknown>()
  return {
    sql,
    movieIds,
    shared<T>(key: string, compute: () => T): T {
      if (!worked.has(key)) worked.set(key, compute())
      return worked.get(key) as T
    },
  }
}

/** The people whose rows a command added, changed or deleted, as they are once it has committed. */
export interface EditedPeople {
  sql: PreparedSql
  personIds: number[]
}

/**
 * What a kept answer was computed from, and how it follows a change to a few movies or a few people's rows (if it
 * can): `peopleUpkeep` returns the answer as it stands after such a change, or null when it cannot tell.
 */
export interface Derivation<T> {
  /** The domains whose changes can make it stale (see CommandSpec.changes). */
  dependsOn: readonly DataDomain[]
  upkeep?: MovieUpkeep<T>
  peopleUpkeep?(kept: T, people: EditedPeople): T | null
}

interface Entry {
  value: unknown
  derivation: Derivation<unknown>
}

/**
 * A command that changes only these movies (their rows, genre links, favorites and characters), announced
 * to the cache in two steps around its commit (see dispatcher.ts).
 */
export interface MovieChange {
  movieIds: number[]
  notes: Map<string, unknown>
}

/** A command that changes the rows of only these people (see person-edits.ts), once it has committed. */
export interface PeopleChange {
  personIds: number[]
}

/**
 * Answers derived from the stored data (a movie list's counts and anchors, the facet index, text matches),
 * kept between calls of one opened catalogue for as long as the data they came from stands. After a command,
 * only answers that depend on a domain it changed are touched: an edit of one movie, or of one person, updates
 * those that can follow it (see MovieUpkeep and Derivation.peopleUpkeep) and drops the rest; anything else drops
 * them. Everything is dropped whenever
 * another connection has committed (a tool beside the app), which SQLite's `data_version` counts. The least
 * recently used answer goes first when the cache is full.
 */
export class DerivedCache {
  private readonly entries = new Map<string, Entry>()
  private databaseVersion: number | null = null
  private readonly upkeepFailed: (key: string, error: unknown) => void

  /**
   * `upkeepFailed` hears of an answer whose upkeep threw: it is dropped (and counted afresh when next asked),
   * and the command that was followed has committed all the same, so that is all it can do.
   */
  constructor(upkeepFailed: (key: string, error: unknown) => void = () => {}) {
    this.upkeepFailed = upkeepFailed
  }

  /**
   * Called inside a command's transaction, before its work, when the command changes only `movieIds`:
   * what the answers that follow such changes need to note while the movies are as they were.
   */
  movieChangeStarts(sql: PreparedSql, movieIds: number[]): MovieChange {
    const notes = new Map<string, unknown>()
    const movies = editedMovies(sql, movieIds)
    // The Map's order is least recently used first.
    for (const [key, { derivation }] of [...this.entries].reverse()) {
      const before = derivation.upkeep?.before
      if (!before) continue
      if (notes.size === FOLLOWED_AT_MOST) break
      try {
        notes.set(key, before(movies))
      } catch (error) {
        // Without its note it cannot follow the change: it is dropped then.
        this.upkeepFailed(key, error)
      }
    }
    return { movieIds, notes }
  }

  /**
   * Called after every command that succeeded, with the domains it declares: answers depending on none of
   * them stand. With a `change` (the command changed only those movies, or only those people's rows, now
   * committed), the answers that can follow it are updated from `sql`; every other answer depending on a changed
   * domain is dropped.
   */
  dataChanged(domains: readonly DataDomain[], sql?: PreparedSql, change?: MovieChange | PeopleChange): void {
    const movieChange = change && 'movieIds' in change ? change : undefined
    const movies = sql && movieChange && editedMovies(sql, movieChange.movieIds)
    const people = sql && change && 'personIds' in change ? { sql, personIds: change.personIds } : undefined
    for (const [key, entry] of [...this.entries]) {
      const { dependsOn, upkeep, peopleUpkeep } = entry.derivation
      if (!dependsOn.some((domain) => domains.includes(domain))) continue
      let followed: unknown = null
      try {
        if (movieChange && movies && upkeep && (!upkeep.before || movieChange.notes.has(key))) {
          followed = upkeep.after(entry.value, movies, movieChange.notes.get(key))
        } else if (people && peopleUpkeep) {
          followed = peopleUpkeep(entry.value, people)
        }
      } catch (error) {
        this.upkeepFailed(key, error)
      }
      if (followed === null) this.entries.delete(key)
      else entry.value = followed
    }
  }

  /**
   * Called before a call that may use the cache, with the `data_version` of the app's own write connection,
   * read before the call's snapshot was taken: it moves only when another connection has committed, and
   * then nothing kept can be trusted.
   */
  observe(databaseVersion: number): void {
    if (databaseVersion !== this.databaseVersion) {
      this.entries.clear()
      this.databaseVersion = databaseVersion
    }
  }

  /** Whether an answer is kept under `key` (asking does not count as a use). */
  has(key: string): boolean {
    return this.entries.has(key)
  }

  /** The answer kept under `key`, or the one `compute` gives (and is then kept, as `derivation` says). */
  get<T>(key: string, derivation: Derivation<T>, compute: () => T): T {
    const kept = this.entries.get(key)
    if (kept) {
      // Re-inserted so the Map's order is least recently used first.
      this.entries.delete(key)
      this.entries.set(key, kept)
      return kept.value as T
    }
    const value = compute()
    this.entries.set(key, { value, derivation: derivation as Derivation<unknown> })
    if (this.entries.size > MAX_ENTRIES) {
      const [oldest] = this.entries.keys()
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    return value
  }
}
