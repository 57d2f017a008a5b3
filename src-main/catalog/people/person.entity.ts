import { defineEntity, p } from '@mikro-orm/core'
import { GENDERS } from '../../../src-shared/people.ts'
import { timestamps } from '../../db/timestamps.ts'
import { Country } from '../countries/country.entity.ts'
import { FileRecord } from '../files/file.entity.ts'

export const PersonSchema = defineEntity({
  name: 'Person',
  tableName: 'person',
  properties: {
    id: p.integer().primary(),
    firstName: p.string().length(200).nullable(),
    lastName: p.string().length(200).nullable(),
    biography: p.text().nullable(),
    dateOfBirth: p.date().nullable(),
    gender: p.enum(GENDERS).nullable(),
    country: () => p.manyToOne(Country).nullable().deleteRule('set null').index(),
    primaryPhoto: () => p.manyToOne(FileRecord).nullable().deleteRule('set null').index(),
    ...timestamps(),
  },
  // The people list sorts by family name, then given name, then id (a keyset).
  indexes: [
    {
      name: 'person_name_sort_index',
      expression:
        'create index `person_name_sort_index` on `person` (`last_name` collate nocase, `first_name` collate nocase, `id`)',
    },
  ],
})

export class Person extends PersonSchema.class {}
PersonSchema.setClass(Person)
