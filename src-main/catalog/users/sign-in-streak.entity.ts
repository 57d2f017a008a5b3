import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'

/** Wrong passwords in a row for one name typed at sign-in, or for one account (see sign-in-throttle.ts). */
export const SignInStreakSchema = defineEntity({
  name: 'SignInStreak',
  tableName: 'sign_in_streak',
  properties: {
    /** sha256 of what the streak counts; what a person typed is never stored, even if it was a password. */
    key: p.string().length(64).primary(),
    failures: p.integer(),
    /** Until when attempts are refused; the latest failure's time when it earned no wait. Old streaks are forgotten by it. */
    blockedUntil: p.datetime().index(),
    ...timestamps(),
  },
})

export class SignInStreak extends SignInStreakSchema.class {}
SignInStreakSchema.setClass(SignInStreak)
