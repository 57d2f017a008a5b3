import { defineEntity, p } from '@mikro-orm/core'
import { GENDERS } from '../../../src-shared/people.ts'
import { timestamps } from '../../db/timestamps.ts'
import { Country } from '../countries/country.entity.ts'
import { FileRecord } from '../files/file.entity.ts'
import { sortKeyOf } from '../text-keys.ts'
import { personSortIndexes } from './person-sort-keys.ts'

type Names = { firstName?: string | null; lastName?: string | null }

// MikroORM types a hook's value as non-null even on a nullable property; an unknown name has no key.
const nullableKeyOf = (name: string | null | undefined) => sortKeyOf(name) as string

export const PersonSchema = defineEntity({
  name: 'Person',
  tableName: 'person',
  properties: {
    id: p.integer().primary(),
    firstName: p.string().length(200).nullable(),
    lastName: p.string().length(200).nullable(),
    /** Names as the people list sorts them (see text-keys.ts); kept in step by the ORM. */
    lastNameSortKey: p
      .string()
      .length(200)
      .onCreate((person: Names) => nullableKeyOf(person.lastName))
      .onUpdate((person: Names) => nullableKeyOf(person.lastName))
      .nullable(),
    firstNameSortKey: p
      .string()
      .length(200)
      .onCreate((person: Names) => nullableKeyOf(person.firstName))
      .onUpdate((person: Names) => nullableKeyOf(person.firstName))
      .nullable(),
    biography: p.text().nullable(),
    dateOfBirth: p.date().nullable(),
    gender: p.enum(GENDERS).nullable(),
    country: () => p.manyToOne(Country).nullable().deleteRule('set null').index(),
    primaryPhoto: () => p.manyToOne(FileRecord).nullable().deleteRule('set null').index(),
    ...timestamps(),
  },
  // The people list sorts by family name, then given name, then id (a keyset); or by date of birth.
  indexes: [
    { name: 'person_name_sort_index', properties: ['lastNameSortKey', 'firstNameSortKey', 'id'] },
    ...personSortIndexes(),
  ],
})

export class Person extends PersonSchema.class {}
PersonSchema.setClass(Person)
