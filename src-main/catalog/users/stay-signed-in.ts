import type { EntityManager } from '@mikro-orm/sqlite'
import { User } from './user.entity.ts'

/**
 * After `user` signed in: they stay signed in if they chose to, and nobody else does. Whoever held the choice
 * was the one signed in until now (the catalogue opened as them), and signing in as someone else ends their
 * session as signing out would, so their choice goes too.
 */
export async function rememberSignIn(em: EntityManager, user: User, staySignedIn: boolean): Promise<void> {
  const others = await em.find(User, { staySignedIn: true, id: { $ne: user.id } })
  for (const other of others) other.staySignedIn = false
  // Cleared first: the database holds at most one choice at a time (user_stay_signed_in_unique).
  await em.flush()
  user.staySignedIn = staySignedIn
  await em.flush()
}

/** After signing out: the profile no longer opens the catalogue signed in. */
export async function forgetSignIn(em: EntityManager, userId: number): Promise<void> {
  const user = await em.findOne(User, { id: userId, staySignedIn: true })
  if (!user) return
  user.staySignedIn = false
  await em.flush()
}

/** The profile the catalogue opens signed in as, if one chose to stay signed in. */
export async function profileStayingSignedIn(em: EntityManager): Promise<number | null> {
  const user = await em.findOne(User, { staySignedIn: true }, { fields: ['id'] })
  return user?.id ?? null
}
