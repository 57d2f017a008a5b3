import type { Session } from '../service-context.ts'

export interface SignInThrottleOptions {
  /** The clock, in milliseconds; tests move it instead of waiting. */
  now?: () => number
  /** Failures in a row that are let through before the first wait. */
  freeFailures?: number
  firstWaitMs?: number
  maxWaitMs?: number
}

interface FailureStreak {
  failures: number
  blockedUntil: number
}

/**
 * Slows down password guessing, in memory: after `freeFailures` consecutive failures for one name,
 * attempts are refused for 1 s, then 2 s, 4 s … up to 5 min, each wait starting at the latest failure.
 * It refuses rather than sleeps: calls run one at a time, so a sleeping sign-in would stall the whole app.
 */
export class SignInThrottle {
  private readonly streaks = new Map<string, FailureStreak>()
  private readonly now: () => number
  private readonly freeFailures: number
  private readonly firstWaitMs: number
  private readonly maxWaitMs: number

  constructor(options: SignInThrottleOptions = {}) {
    this.now = options.now ?? Date.now
    this.freeFailures = options.freeFailures ?? 3
    this.firstWaitMs = options.firstWaitMs ?? 1000
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000
  }

  /** Milliseconds until `identifier` may try again; 0 when it may try now. */
  waitFor(identifier: string): number {
    const streak = this.streaks.get(keyOf(identifier))
    return streak ? Math.max(0, streak.blockedUntil - this.now()) : 0
  }

  recordFailure(identifier: string): void {
    const key = keyOf(identifier)
    const failures = (this.streaks.get(key)?.failures ?? 0) + 1
    const beyondFree = failures - this.freeFailures
    const wait =
      beyondFree < 0 ? 0 : Math.min(this.maxWaitMs, this.firstWaitMs * 2 ** Math.min(beyondFree, 30))
    this.streaks.set(key, { failures, blockedUntil: this.now() + wait })
  }

  recordSuccess(identifier: string): void {
    this.streaks.delete(keyOf(identifier))
  }
}

// "Ann", "ann" and " ANN " are one name to sign in with, so they share one streak.
const keyOf = (identifier: string) => identifier.trim().normalize('NFC').toLowerCase()

let clock: () => number = Date.now
const throttles = new WeakMap<Session, SignInThrottle>()

/** The throttle of one opened catalogue: each runtime has its own session, so its own streaks. */
export function signInThrottleFor(session: Session): SignInThrottle {
  let throttle = throttles.get(session)
  if (!throttle) {
    throttle = new SignInThrottle({ now: () => clock() })
    throttles.set(session, throttle)
  }
  return throttle
}

/** Sets the clock of every catalogue's throttle, for tests that move time; null restores the real clock. */
export function setSignInThrottleClock(now: (() => number) | null): void {
  clock = now ?? Date.now
}
