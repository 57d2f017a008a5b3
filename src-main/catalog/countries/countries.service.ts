import type { CountryUsage } from '../../../src-shared/taxonomy.ts'
import { namedTermService } from '../named-terms.ts'
import { Country } from './country.entity.ts'

/** Countries; deleting one clears it on the movies and people that had it (ON DELETE SET NULL). */
export const countries = namedTermService<Country, CountryUsage>({
  entity: Country,
  label: 'country',
  table: 'country',
  async countUsage(em, id) {
    const [usage] = await em.execute<CountryUsage[]>(
      `select (select count(*) from movie where country_id = ?) as movieCount,
        (select count(*) from person where country_id = ?) as personCount`,
      [id, id],
    )
    return usage ?? { movieCount: 0, personCount: 0 }
  },
})
