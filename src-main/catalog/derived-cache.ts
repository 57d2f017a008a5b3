// Each entry is small (a list's counts; its anchors: a few hundred keys at 100,000 films); this bounds the sum.
const MAX_ENTRIES = 64

/**
 * Answers derived from the stored data (a movie list's counts and anchors, the facets of every movie), kept between calls of one opened catalogue
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

  /**
   * Called before a call that may use the cache, with `data_version` read before its snapshot was taken: when
   * it moved, another connection committed since, and nothing kept can be trusted.
   */
  observe(databaseVersion: number): void {
    if (databaseVersion !== this.databaseVersion) {
      this.entries.clear()
      this.databaseVersion = databaseVersion
    }
  }

  /** The answer kept under `key`, or the one `compute` gives (and is then kept). */
  get<T>(key: string, compute: () => T): T {
    if (this.entries.has(key)) {
      const kept = this.entries.get(key) as T
      // Re-inserted so the Map's order is least recently used first.
      this.entries.delete(key)
      this.entries.set(key, kept)
      return kept
    }
    const value = compute()
    this.entries.set(key, value)
    if (this.entries.size > MAX_ENTRIES) {
      const [oldest] = this.entries.keys()
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    return value
  }
}
