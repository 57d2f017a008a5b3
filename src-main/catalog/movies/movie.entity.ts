import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'
import { Country } from '../countries/country.entity.ts'
import { FileRecord } from '../files/file.entity.ts'
import { Person } from '../people/person.entity.ts'
import { sortKeyOf } from '../text-keys.ts'
import { movieSortIndexes } from './movie-sort-keys.ts'
import { RELEASE_DATE_PRECISIONS } from './release-date.ts'

export const MovieSchema = defineEntity({
  name: 'Movie',
  tableName: 'movie',
  properties: {
    id: p.integer().primary(),
    title: p.string().length(300),
    /** The title as lists sort it (see text-keys.ts); kept in step by the ORM, indexed per sort order. */
    titleSortKey: p
      .string()
      .length(300)
      .onCreate((movie: { title: string }) => sortKeyOf(movie.title))
      .onUpdate((movie: { title: string }) => sortKeyOf(movie.title)),
    description: p.text().nullable(),
    budget: p.integer().nullable(),
    releaseDate: p.date().nullable(),
    /** Whether `releaseDate` is the day it came out or stands for its year alone (see release-date.ts). */
    releaseDatePrecision: p.enum(RELEASE_DATE_PRECISIONS).default('day'),
    /** An interval, stored as whole seconds in the `duration` column. */
    durationSeconds: p.integer().fieldName('duration').nullable(),
    director: () => p.manyToOne(Person).nullable().deleteRule('set null').index(),
    country: () => p.manyToOne(Country).nullable().deleteRule('set null').index(),
    poster: () => p.manyToOne(FileRecord).nullable().deleteRule('set null').index(),
    ...timestamps(),
  },
  indexes: [
    ...movieSortIndexes().map(({ name, expression }) => ({ name, expression })),
    // Year filters and the years facet read release dates from here rather than from the (wide) table.
    { name: 'movie_release_date_index', properties: ['releaseDate'] },
  ],
})

export class Movie extends MovieSchema.class {}
MovieSchema.setClass(Movie)
