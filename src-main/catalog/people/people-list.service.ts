import type { Page } from '../../../src-shared/common.ts'
import type { ParsedInput } from '../../../src-shared/contract.ts'
import type { PersonListItem } from '../../../src-shared/people.ts'
import type { PreparedSql } from '../../db/prepared-sql.ts'
import { thumbnailUrlFor } from '../../files/file-store.ts'
import { matchesBitmap } from '../arrays-by-id.ts'
import { type KeptBitmap, keptBitmap, markedTest, withBitmaps } from '../kept-bitmaps.ts'
import { placeAfter, walksAddUpTo } from '../kept-orders.ts'
import { toFtsPrefixQuery } from '../search/fts-query.ts'
import type { ReadContext } from '../service-context.ts'
import { fullNameOf } from './person.dto.ts'
import {
  decodeBirthDateCursor,
  decodePersonCursor,
  encodeBirthDateCursor,
  encodePersonCursor,
  type PersonSortKey,
} from './person-cursor.ts'
import { isOrderKept, matchesInOrder, personOrder } from './person-orders.ts'
import {
  BIRTH_DATE_KEYS,
  birthDateKeyOf,
  nameOrderValues,
  PERSON_NAME_KEYS,
  PERSON_ORDERS,
  type PersonOrderKind,
  type PersonOrderSql,
} from './person-sort-keys.ts'

type PersonListQuery = ParsedInput<'people:list'>

interface Statement {
  sql: string
  params: unknown[]
}

const { last: LAST, first: FIRST } = PERSON_NAME_KEYS

/**
 * Rows strictly after `after` in (last name, first name, id) order, where an unknown name sorts first.
 * Row-value comparison drops rows with a NULL where it compares, which is right only where the cursor
 * has a value, so the NULL positions are spelled out. SQLite seeks the index only on a plain bound of
 * its first column, hence the redundant `>=`.
 */
function afterName(after: PersonSortKey): Statement {
  const { lastNameKey: lastName, firstNameKey: firstName, id } = after
  if (lastName === null) {
    return firstName === null
      ? { sql: `(${LAST} is not null or ${FIRST} is not null or p.id > ?)`, params: [id] }
      : { sql: `(${LAST} is not null or (${FIRST}, p.id) > (?, ?))`, params: [firstName, id] }
  }
  return firstName === null
    ? {
        sql: `${LAST} >= ? and (${LAST} > ? or ${FIRST} is not null or p.id > ?)`,
        params: [lastName, lastName, id],
      }
    : {
        sql: `${LAST} >= ? and (${LAST}, ${FIRST}, p.id) > (?, ?, ?)`,
        params: [lastName, lastName, firstName, id],
      }
}

/**
 * The order's SQL (see PersonOrderSql), and the condition for "after the cursor" in it; and the order as main keeps
 * it (see person-orders.ts), with a cursor as the values of its key there.
 */
function ordering(query: PersonListQuery): PersonOrderSql & {
  after: (cursor: string) => Statement
  kind: PersonOrderKind
  cursorValues: (cursor: string) => unknown[]
} {
  if (query.sort === 'name') {
    return {
      ...PERSON_ORDERS.name,
      after: (cursor) => afterName(decodePersonCursor(cursor)),
      kind: 'name',
      cursorValues: (cursor) => nameOrderValues(decodePersonCursor(cursor)),
    }
  }
  const kind = `dateOfBirth-${query.direction}` as const
  const key = BIRTH_DATE_KEYS[query.direction]
  const towards = query.direction === 'asc' ? '>' : '<'
  return {
    ...PERSON_ORDERS[kind],
    after: (cursor) => {
      const { birthDateKey, id } = decodeBirthDateCursor(cursor)
      // The plain bound on the key lets SQLite seek the index; the row value finishes the job.
      return {
        sql: `${key} ${towards}= ? and (${key}, p.id) ${towards} (?, ?)`,
        params: [birthDateKey, birthDateKey, id],
      }
    },
    kind,
    cursorValues: (cursor) => {
      const { birthDateKey, id } = decodeBirthDateCursor(cursor)
      return [birthDateKey, id]
    },
  }
}

/**
 * Above this many matches, a search's window is not read by looking up each match's name to sort them (a
 * microsecond each). Above WALK_SHARE of everyone too, it is read along the sort index, checking each entry
 * against the matches: "j" typed into 300,000 names matches 70,000, and the walk finds its first window in a
 * millisecond. Between the two, the matches are put in order by their places in a kept order of everyone (see
 * person-orders.ts): the people "smi" finds are mostly Smiths, far along the index (at 100,000 films: 13,000
 * matches, walked in 11 ms, sorted by SQL in 9, by their places in 1, then kept).
 */
export const MANY_MATCHES = 1_000
export const WALK_SHARE = 0.1

/** Whether a search's window is read along the sort index (see MANY_MATCHES). */
const walksMatches = (matches: number, people: number) =>
  matches > Math.max(MANY_MATCHES, people * WALK_SHARE)

/**
 * Jumps into the whole list step over every entry between their place and the nearer end of the index (see
 * personListStatements), until together they have stepped over it this many times; everyone's order is read then,
 * and later jumps are a slice of it. Reading the order costs about three such passes (at 100,000 films: 300,000
 * people, 33 ms; a jump half way, 6). Past JUMPS_READ_ORDER_UP_TO people, jumps never read it: at 3,000,000 it
 * takes 0.6 s, a pause in the middle of dragging the scrollbar, where each jump takes 15 to 35 ms (a search may
 * still read it; see MANY_MATCHES).
 */
const JUMP_PASSES_BEFORE_ORDER = 3
const JUMPS_READ_ORDER_UP_TO = 1_000_000

/**
 * The people a search's text `match` finds, as a bitmap by id kept until people change (see kept-bitmaps.ts): a
 * walk along the sort index tests each entry against it, where `p.id in (select rowid from person_search …)`
 * listed every match again for each window ("j" finds 70,000 of 300,000 people).
 */
const personMatches = (match: string) =>
  keptBitmap(`person-text-matches:${match}`, (ctx) =>
    ctx.derived.get(`person-text-matches:${match}`, { dependsOn: ['people'] }, () =>
      matchesBitmap(ctx.sql, 'person', 'person_search', match),
    ),
  )

/**
 * The statements behind one window of the list (exported so a test can check their query plans). `count`
 * is the whole list's size, from the search index alone when there is a search. `page` reads only an
 * index, so skipping to a position never reads a person's row: the sort index for the whole list or many
 * matches (each tested against the kept bitmap of the matches, which `bitmaps` names, to be made ready), the
 * search index (then a sort of the matches) for a few. `matches` is what `count` answered, and `people` how
 * many people there are. A jump past the middle of the whole list reads its window `backwards` from the far end
 * of the index (to be turned round), so that no jump steps over more than half the list.
 */
export function personListStatements(
  query: PersonListQuery,
  matches?: number,
  people?: number,
): { page: Statement; count: Statement | null; bitmaps: KeptBitmap[]; backwards?: boolean } {
  const match = query.text ? toFtsPrefixQuery(query.text) : undefined
  // Text with nothing searchable in it ("!!!") matches nobody, as in search:all.
  if (match === null) {
    return { page: { sql: 'select id from person where 0', params: [] }, count: null, bitmaps: [] }
  }
  const { orderBy, backwards, index, after } = ordering(query)
  const count = match
    ? { sql: 'select count(*) as total from person_search where person_search match ?', params: [match] }
    : { sql: 'select count(*) as total from person', params: [] }
  const position = query.position ?? 0
  if (!match && !query.cursor && matches !== undefined && position > matches / 2) {
    // The window's last place (one more than asked tells whether another page follows), counted from the end.
    const last = Math.min(matches - 1, position + query.limit)
    return {
      page: {
        sql: `select p.id from person p indexed by ${index} order by ${backwards} limit ? offset ?`,
        params: [Math.max(0, last - position + 1), Math.max(0, matches - 1 - last)],
      },
      count,
      bitmaps: [],
      backwards: true,
    }
  }
  const many = walksMatches(matches ?? 0, people ?? 0)
  const conditions: string[] = []
  const params: unknown[] = []
  const bitmaps: KeptBitmap[] = []
  if (match && many) {
    const matched = personMatches(match)
    const test = markedTest(matched, 'p.id')
    conditions.push(test.sql)
    params.push(...test.params)
    bitmaps.push(matched)
  } else if (match) {
    conditions.push('p.id in (select rowid from person_search where person_search match ?)')
    params.push(match)
  }
  if (query.cursor) {
    const bound = after(query.cursor)
    conditions.push(bound.sql)
    params.push(...bound.params)
  }
  const where = conditions.length ? `where ${conditions.join(' and ')}` : ''
  const alongIndex = !match || many ? `indexed by ${index}` : ''
  return {
    // One row more than asked tells whether another page follows.
    page: {
      sql: `select p.id from person p ${alongIndex} ${where} order by ${orderBy} limit ? offset ?`,
      params: [...params, query.limit + 1, position],
    },
    count,
    bitmaps,
  }
}

interface PersonListRow {
  id: number
  firstName: string | null
  lastName: string | null
  lastNameKey: string | null
  firstNameKey: string | null
  dateOfBirth: string | null
  photoKey: string | null
  moviesDirected: number
  charactersPlayed: number
}

/** What a list row shows for the people on one page: one statement, the counts from their indexes. */
function readRows(sql: PreparedSql, ids: number[]): Map<number, PersonListRow> {
  if (ids.length === 0) return new Map()
  const rows = sql.all<PersonListRow>(
    `select p.id, p.first_name as firstName, p.last_name as lastName, ${LAST} as lastNameKey,
            ${FIRST} as firstNameKey, p.date_of_birth as dateOfBirth, f.key as photoKey,
            (select count(*) from movie m where m.director_id = p.id) as moviesDirected,
            (select count(*) from character c where c.actor_id = p.id) as charactersPlayed
       from person p left join file f on f.id = p.primary_photo_id
      where p.id in (${ids.map(() => '?').join(', ')})`,
    ids,
  )
  return new Map(rows.map((row) => [row.id, row]))
}

function cursorAfter(row: PersonListRow, query: PersonListQuery): string {
  return query.sort === 'name'
    ? encodePersonCursor(row)
    : encodeBirthDateCursor({ birthDateKey: birthDateKeyOf(row.dateOfBirth, query.direction), id: row.id })
}

/**
 * The window's ids, and one more to tell whether another page follows, from a kept order of everyone when that
 * answers it best (see MANY_MATCHES and JUMP_PASSES_BEFORE_ORDER); undefined when SQL answers it.
 */
function windowFromKeptOrder(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  query: PersonListQuery,
  total: number,
  people: number,
): number[] | undefined {
  const { kind, cursorValues } = ordering(query)
  let list: Int32Array
  if (query.text) {
    const match = toFtsPrefixQuery(query.text)
    if (!match || total <= MANY_MATCHES || walksMatches(total, people)) return undefined
    list = matchesInOrder(ctx, kind, match)
  } else {
    const { position } = query
    if (query.cursor || !position) return undefined
    const readsOrder = () =>
      total <= JUMPS_READ_ORDER_UP_TO &&
      walksAddUpTo(
        ctx.derived,
        `person-order:${kind}`,
        ['people'],
        Math.min(position, total - position),
        JUMP_PASSES_BEFORE_ORDER * total,
      )
    if (!isOrderKept(ctx, kind) && !readsOrder()) return undefined
    const order = personOrder(ctx, kind)
    list = order.ids.subarray(0, order.count)
  }
  const start = query.cursor
    ? placeAfter(ctx.sql, PERSON_ORDERS[kind], list, list.length, cursorValues(query.cursor))
    : (query.position ?? 0)
  return Array.from(list.subarray(start, start + query.limit + 1))
}

/** The window's ids, and one more, as personListStatements reads them. */
function windowFromSql(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  query: PersonListQuery,
  total: number,
  people: number,
): number[] {
  const { page, bitmaps, backwards } = personListStatements(query, total, people)
  const ids = withBitmaps(ctx, bitmaps, () => ctx.sql.all<{ id: number }>(page.sql, page.params)).map(
    (row) => row.id,
  )
  return backwards ? ids.reverse() : ids
}

/**
 * One window of people, by name (family, then given) or by date of birth; `text` keeps those whose names
 * start with its words. Each row carries how many movies the person directed and characters they play.
 */
export function listPeople(
  ctx: Pick<ReadContext, 'sql' | 'derived'>,
  query: PersonListQuery,
): Page<PersonListItem> {
  const { sql, derived } = ctx
  // Every window of the list asks for its size again; a search's count costs what it finds, and the whole
  // list's what it holds, so they are kept until the data changes (see DerivedCache).
  const counted = (statement: Statement) =>
    derived.get(
      JSON.stringify(['person-count', statement.sql, statement.params]),
      { dependsOn: ['people'] },
      () => sql.get<{ total: number }>(statement.sql, statement.params)?.total ?? 0,
    )
  const { count } = personListStatements(query)
  const total = count ? counted(count) : 0
  const everyone = personListStatements({ ...query, text: undefined }).count
  const people = query.text && total > MANY_MATCHES && everyone ? counted(everyone) : 0
  const ids = windowFromKeptOrder(ctx, query, total, people) ?? windowFromSql(ctx, query, total, people)
  const pageIds = ids.slice(0, query.limit)
  const byId = readRows(sql, pageIds)
  const rows = pageIds.map((id) => byId.get(id)).filter((row) => row !== undefined)
  const last = rows.at(-1)
  return {
    items: rows.map((row) => ({
      id: row.id,
      firstName: row.firstName,
      lastName: row.lastName,
      fullName: fullNameOf(row),
      dateOfBirth: row.dateOfBirth,
      photoUrl: row.photoKey === null ? null : thumbnailUrlFor(row.photoKey),
      moviesDirected: row.moviesDirected,
      charactersPlayed: row.charactersPlayed,
    })),
    total,
    nextCursor: ids.length > query.limit && last ? cursorAfter(last, query) : null,
  }
}
