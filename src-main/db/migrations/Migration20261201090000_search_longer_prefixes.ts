import { Migration20261130090000_search_one_letter } from './Migration20261130090000_search_one_letter.ts'

/**
 * The full-text indexes again, with prefix indexes for four and five letters too. A prefix longer than the
 * longest prefix index is answered by merging the lists of every word that begins with it before the first match
 * can be read: at 1,000,000 films, "nigh" merged every word beginning so (night, nights, nightmare…) in 20 ms
 * where "nig" took 0.4, and "john smi" merged every John, Johnson and Johnny among 3,000,000 people and 10,000,000
 * characters. Built the same way as the one-letter index (see that migration).
 */
export class Migration20261201090000_search_longer_prefixes extends Migration20261130090000_search_one_letter {
  override name = 'Migration20261201090000_search_longer_prefixes'

  override up(): void {
    this.rebuild("'1 2 3 4 5'")
  }

  override down(): void {
    this.rebuild("'1 2 3'")
  }
}
