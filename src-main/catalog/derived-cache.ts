import type { EntityManager } from '@mikro-orm/sqlite'

// Each entry is small (a movie list's anchors: a few hundred keys at 100,000 films); this bounds the sum.
const MAX_ENTRIES = 16

/**
 * Answers derived from the stored data (the movie list's anchors), kept between calls of one opened catalogue
 * for as long as the data they came from stands. Everything is dropped after any command that succeeded (the
 * dispatcher says so) and whenever another connection has committed (a tool beside the app), which SQLite's
 * `data_version` counts. The least recently used answer goes first when the cache is full.
 */
export class DerivedCache {
  private readonly entries = new Map<string, unknown>()
  private databaseVersion: number | null = null

  /** Called after every command that succeeded: anything derived before it may be stale. */
  dataChanged(): void {
    this.entries.clear()
  }

  /** The answer kept under `key`, or the one `compute` gives (and is then kept). */
  async get<T>(em: EntityManager, key: string, compute: () => Promise<T>): Promise<T> {
    // data_version changes only for commits made by other connections; ours are seen through dataChanged.
    const [row] = await em.execute<{ data_version: number }[]>('pragma data_version')
    const databaseVersion = row?.data_version ?? null
    if (databaseVersion !== this.databaseVersion) {
      this.entries.clear()
      this.databaseVersion = databaseVersion
    }
    if (this.entries.has(key)) {
      const kept = this.entries.get(key) as T
      // Re-inserted so the Map's order is least recently used first.
      this.entries.delete(key)
      this.entries.set(key, kept)
      return kept
    }
    const value = await compute()
    this.entries.set(key, value)
    if (this.entries.size > MAX_ENTRIES) {
      const [oldest] = this.entries.keys()
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    return value
  }
}
