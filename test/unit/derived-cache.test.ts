import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Derivation, DerivedCache } from '../../src-main/catalog/derived-cache.ts'
import { PreparedSql } from '../../src-main/db/prepared-sql.ts'

let db: Database.Database
let sql: PreparedSql
beforeEach(() => {
  db = new Database(':memory:')
  db.exec('create table movie (id integer primary key, title text)')
  db.exec("insert into movie (id, title) values (1, 'Alien'), (2, 'Brazil')")
  sql = new PreparedSql(db)
})
afterEach(() => db.close())

const titlesIn = (read: PreparedSql) =>
  read.all<{ title: string }>('select title from movie order by id').map((row) => row.title)
const titles = () => titlesIn(sql)

/** The titles, kept, following an edit of a few movies by reading them again. */
const followingTitles: Derivation<string[]> = {
  dependsOn: ['movies'],
  upkeep: {
    before: ({ sql: read, movieIds }) =>
      movieIds.map((id) => read.get('select title from movie where id = ?', [id])),
    after: (_kept, { sql: read }) => titlesIn(read),
  },
}

describe('DerivedCache', () => {
  it('keeps an answer through changes to domains it does not depend on, and drops it after one it does', () => {
    const cache = new DerivedCache()
    let computed = 0
    const people = () => cache.get('people', { dependsOn: ['people'] }, () => ++computed)
    expect(people()).toBe(1)
    cache.dataChanged(['movies', 'favorites'])
    expect(people()).toBe(1)
    cache.dataChanged(['countries', 'people'])
    expect(people()).toBe(2)
  })

  it('lets an answer follow an edit of a few movies, with what it noted before the edit, instead of counting again', () => {
    const cache = new DerivedCache()
    let computed = 0
    const read = () =>
      cache.get('titles', followingTitles, () => {
        computed++
        return titles()
      })
    expect(read()).toEqual(['Alien', 'Brazil'])
    const change = cache.movieChangeStarts(sql, [2])
    expect(change.notes.get('titles')).toEqual([{ title: 'Brazil' }])
    db.exec("update movie set title = 'Casablanca' where id = 2")
    cache.dataChanged(['movies'], sql, change)
    expect(read()).toEqual(['Alien', 'Casablanca'])
    expect(computed).toBe(1)

    // Without a note of the movies (a command that can change any number of them), it is counted again.
    db.exec("update movie set title = 'Dune' where id = 1")
    cache.dataChanged(['movies'])
    expect(read()).toEqual(['Dune', 'Casablanca'])
    expect(computed).toBe(2)
  })

  it('drops an answer whose upkeep fails, and says which, the command having committed all the same', () => {
    const failures: string[] = []
    const cache = new DerivedCache((key) => failures.push(key))
    let computed = 0
    const broken: Derivation<number> = {
      dependsOn: ['movies'],
      upkeep: {
        after: () => {
          throw new Error('cannot follow')
        },
      },
    }
    const read = () => cache.get('broken', broken, () => ++computed)
    read()
    cache.dataChanged(['movies'], sql, cache.movieChangeStarts(sql, [1]))
    expect(failures).toEqual(['broken'])
    expect(read()).toBe(2)
  })

  it("lets an answer follow a change to a few people's rows, drops those that cannot, and drops one whose upkeep fails", () => {
    const failures: string[] = []
    const cache = new DerivedCache((key) => failures.push(key))
    db.exec('create table person (id integer primary key, name text)')
    db.exec("insert into person (id, name) values (1, 'Agnès'), (2, 'Chantal')")
    const names = () =>
      sql.all<{ name: string }>('select name from person order by id').map((row) => row.name)
    const computed = { following: 0, plain: 0, broken: 0 }
    const followedWith: number[][] = []
    const following: Derivation<string[]> = {
      dependsOn: ['people'],
      peopleUpkeep: (kept, people) => {
        followedWith.push(people.personIds)
        return kept.map((name, n) =>
          people.personIds.includes(n + 1)
            ? (people.sql.get<{ name: string }>('select name from person where id = ?', [n + 1])?.name ??
              name)
            : name,
        )
      },
    }
    const broken: Derivation<number> = {
      dependsOn: ['people'],
      peopleUpkeep: () => {
        throw new Error('cannot follow')
      },
    }
    const countedNames = (kind: 'following' | 'plain') => () => {
      computed[kind]++
      return names()
    }
    const read = () => ({
      following: cache.get('following', following, countedNames('following')),
      plain: cache.get('plain', { dependsOn: ['people'] }, countedNames('plain')),
      broken: cache.get('broken', broken, () => ++computed.broken),
    })
    read()
    db.exec("update person set name = 'Delphine' where id = 2")
    cache.dataChanged(['people'], sql, { personIds: [2] })
    expect(read()).toEqual({ following: ['Agnès', 'Delphine'], plain: ['Agnès', 'Delphine'], broken: 2 })
    expect(followedWith).toEqual([[2]])
    expect(computed).toEqual({ following: 1, plain: 2, broken: 2 })
    expect(failures).toEqual(['broken'])

    // A change to movies alone, or to people without saying which, is not one to follow person by person.
    cache.dataChanged(['movies'], sql, { personIds: [1] })
    cache.dataChanged(['people'])
    read()
    expect(followedWith).toEqual([[2]])
    expect(computed).toEqual({ following: 2, plain: 3, broken: 3 })
  })

  it('drops everything when another connection has committed', () => {
    const cache = new DerivedCache()
    let computed = 0
    const read = () => cache.get('people', { dependsOn: ['people'] }, () => ++computed)
    cache.observe(1)
    read()
    cache.observe(1)
    expect(read()).toBe(1)
    cache.observe(2)
    expect(read()).toBe(2)
  })
})
