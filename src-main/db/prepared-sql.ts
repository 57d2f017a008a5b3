import type Database from 'better-sqlite3'
import { assertSqlValues } from './sql-values.ts'

// Statements are few in kind (one per query shape); this bounds what a long session keeps compiled.
const MAX_STATEMENTS = 500

/**
 * SQL on one better-sqlite3 connection as prepared statements with bound values: each statement is compiled
 * once and reused, which MikroORM's formatted SQL never is (STACK.md #16). Bound values cannot break out of the
 * statement, but they still pass the check the ORM's statements pass (see sql-values.ts): a value SQLite would
 * store differently from what was asked is refused, not stored. Synchronous, like better-sqlite3 itself.
 */
export class PreparedSql {
  private readonly db: Database.Database
  private readonly statements = new Map<string, Database.Statement>()

  constructor(db: Database.Database) {
    this.db = db
  }

  /** Every row the statement returns. */
  all<T>(sql: string, params: readonly unknown[] = []): T[] {
    return this.prepared(sql, params).all(...params) as T[]
  }

  /** The first row, or undefined when there is none. */
  get<T>(sql: string, params: readonly unknown[] = []): T | undefined {
    return this.prepared(sql, params).get(...params) as T | undefined
  }

  /** Runs a statement that returns no rows. */
  run(sql: string, params: readonly unknown[] = []): Database.RunResult {
    return this.prepared(sql, params).run(...params)
  }

  private prepared(sql: string, params: readonly unknown[]): Database.Statement {
    assertSqlValues(params)
    let statement = this.statements.get(sql)
    if (statement) {
      // Re-inserted so the Map's order is least recently used first.
      this.statements.delete(sql)
    } else {
      statement = this.db.prepare(sql)
      if (this.statements.size >= MAX_STATEMENTS) {
        const [oldest] = this.statements.keys()
        if (oldest !== undefined) this.statements.delete(oldest)
      }
    }
    this.statements.set(sql, statement)
    return statement
  }
}
