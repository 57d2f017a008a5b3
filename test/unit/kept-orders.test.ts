import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  idsInOrder,
  type KeptOrder,
  type OrderSql,
  placeAfter,
  readKeptOrder,
  reordered,
} from '../../src-main/catalog/kept-orders.ts'
import { PreparedSql } from '../../src-main/db/prepared-sql.ts'

let dir: string
let db: Database.Database
let sql: PreparedSql
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kept-orders-'))
  db = new Database(join(dir, 'orders.sqlite'))
  // Hundreds of small commits: not each one waited for on the disk.
  db.pragma('journal_mode = wal')
  db.pragma('synchronous = off')
  // Few distinct keys, so that many rows tie on the key and the id decides.
  db.exec('create table row (id integer primary key, key text not null)')
  db.exec('create index row_key_index on row (key, id)')
  sql = new PreparedSql(db)
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const BY_KEY: OrderSql = {
  from: 'row r',
  index: 'row_key_index',
  orderBy: 'r.key, r.id',
  columns: ['r.key', 'r.id'],
  ascending: true,
}

/** A small random number generator, the same numbers every run. */
function numbers(seed: number) {
  let state = seed
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return Math.floor((state / 2 ** 31) * below)
  }
}

const inSql = () => sql.all<{ id: number }>('select id from row order by key, id').map((row) => row.id)
const kept = (order: KeptOrder) => Array.from(order.ids.subarray(0, order.count))

describe('a kept order', () => {
  it('is read in the order SQL sorts, and puts any ids in that order', () => {
    const random = numbers(7)
    const insert = db.prepare('insert into row (key) values (?)')
    for (let n = 0; n < 3000; n++) insert.run(`k${random(40)}`)
    const order = readKeptOrder(sql, BY_KEY)
    expect(kept(order)).toEqual(inSql())
    const some = Int32Array.from({ length: 300 }, () => 1 + random(3000))
    const expected = sql
      .all<{ id: number }>(
        `select id from row where id in (${[...new Set(some)].join(',')}) order by key, id`,
      )
      .map((row) => row.id)
    // An id that is no row is left out.
    const inOrder = Array.from(idsInOrder(order, Int32Array.from([...new Set(some), 999_999])))
    expect(inOrder).toEqual(expected)
    // A row's own key: every row up to it and itself come before or at it.
    for (const id of expected.slice(0, 20)) {
      const { key } = sql.get<{ key: string }>('select key from row where id = ?', [id])!
      expect(placeAfter(sql, BY_KEY, order.ids, order.count, [key, id])).toBe(inSql().indexOf(id) + 1)
    }
  })

  /** The same order, where the row after a key is one seek away (see nextPlace). */
  const SEEKING: OrderSql = {
    ...BY_KEY,
    seekAfter: ([key, id]) => [
      { where: 'r.key = ? and r.id > ?', params: [key, id], orderBy: 'r.id' },
      { where: 'r.key > ?', params: [key], orderBy: 'r.key, r.id' },
    ],
  }

  it.each([
    ['a binary search', BY_KEY],
    ['a seek to the row after', SEEKING],
  ])(
    'follows rows added, changed and deleted, a few at a time and side by side, as SQL sorts them, placed by %s',
    (_how, orderSql) => {
      const random = numbers(11)
      const insert = db.prepare('insert into row (key) values (?)')
      for (let n = 0; n < 2000; n++) insert.run(`k${random(30)}`)
      const order = readKeptOrder(sql, orderSql)
      const update = db.prepare('update row set key = ? where id = ?')
      const remove = db.prepare('delete from row where id = ?')
      for (let round = 0; round < 300; round++) {
        const ids = kept(order)
        // Rows next to each other in the order, or anywhere: a row whose neighbour moved too must not stay put.
        const at = random(ids.length - 3)
        const edited = round % 2 === 0 ? ids.slice(at, at + 3) : [ids[random(ids.length)]!, ids[at]!]
        const touched = new Set<number>()
        for (const id of edited) {
          const what = random(10)
          if (what === 0) remove.run(id)
          // Unchanged, a neighbour's key, or any key: most stay, some move.
          else if (what < 4)
            update.run(sql.get<{ key: string }>('select key from row where id = ?', [id])?.key, id)
          else update.run(`k${random(30)}`, id)
          touched.add(id)
        }
        if (round % 5 === 0) touched.add(Number(insert.run(`k${random(30)}`).lastInsertRowid))
        reordered(sql, orderSql, order, [...touched])
        expect(kept(order), `round ${round}`).toEqual(inSql())
      }
      for (const [place, id] of kept(order).entries()) expect(order.placeOf[id]).toBe(place + 1)
    },
  )
})
