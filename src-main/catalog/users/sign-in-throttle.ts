import { createHash } from 'node:crypto'
import type { EntityManager } from '@mikro-orm/sqlite'
import { SignInStreak } from './sign-in-streak.entity.ts'

/** Failures in a row that are let through before the first wait. */
const FREE_FAILURES = 3
const FIRST_WAIT_MS = 1000
const MAX_WAIT_MS = 5 * 60_000
// A streak with no failure for this long is forgotten, so the table only ever holds recent guessing.
const FORGET_AFTER_MS = 24 * 60 * 60_000

/** How long to refuse after `failures` wrong passwords in a row: nothing at first, then 1 s, 2 s, 4 s … up to 5 min. */
export function waitAfterFailures(failures: number): number {
  const beyondFree = failures - FREE_FAILURES
  return beyondFree < 0 ? 0 : Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(beyondFree, 30))
}

/** The streak of a name typed to sign in: "Ann", "ann" and " ANN " are one name, so they share one. */
export const typedNameStreak = (identifier: string) =>
  `name:${identifier.trim().normalize('NFC').toLowerCase()}`

/** The streak of an account, whichever of its names the guesses came through. */
export const accountStreak = (userId: number) => `account:${userId}`

const keyOf = (streak: string) => createHash('sha256').update(streak).digest('hex')

/**
 * Slows down password guessing: after three wrong passwords in a row for one streak, attempts are refused
 * for 1 s, then 2 s, 4 s … up to 5 min, each wait starting at the latest failure. It refuses rather than
 * sleeps: calls run one at a time, so a sleeping sign-in would stall the whole app. Streaks are rows in the
 * catalogue, written in the call's transaction, so a restart of the app forgives nothing.
 */
export class SignInThrottle {
  private readonly em: EntityManager
  private readonly now: () => number

  constructor(em: EntityManager, now: () => number) {
    this.em = em
    this.now = now
  }

  /** Milliseconds until `streak` may try again; 0 when it may try now. */
  async waitFor(streak: string): Promise<number> {
    const row = await this.em.findOne(SignInStreak, keyOf(streak))
    return row ? Math.max(0, row.blockedUntil.getTime() - this.now()) : 0
  }

  async recordFailure(streak: string): Promise<void> {
    const now = this.now()
    const key = keyOf(streak)
    const forgottenBefore = new Date(now - FORGET_AFTER_MS)
    await this.em.nativeDelete(SignInStreak, { key: { $ne: key }, blockedUntil: { $lt: forgottenBefore } })
    const row = await this.em.findOne(SignInStreak, key)
    const previous = row && row.blockedUntil >= forgottenBefore ? row.failures : 0
    const failures = previous + 1
    const blockedUntil = new Date(now + waitAfterFailures(failures))
    if (row) this.em.assign(row, { failures, blockedUntil })
    else this.em.create(SignInStreak, { key, failures, blockedUntil })
    await this.em.flush()
  }

  async recordSuccess(streak: string): Promise<void> {
    await this.em.nativeDelete(SignInStreak, { key: keyOf(streak) })
  }
}

let clock: () => number = Date.now

/** The throttle of one call, on its own EntityManager and the throttle clock. */
export const signInThrottle = (em: EntityManager) => new SignInThrottle(em, () => clock())

/** Sets the throttle's clock, for tests that move time; null restores the real clock. */
export function setSignInThrottleClock(now: (() => number) | null): void {
  clock = now ?? Date.now
}
