import type { z } from 'zod'
import { AppError, type FieldIssue } from '../../../src-shared/errors.ts'
import type {
  AccountDeletion,
  AvatarChange,
  PasswordChange,
  ProfileSummary,
  ProfileUpdate,
  Registration,
  SignIn,
  UserDto,
} from '../../../src-shared/users.ts'
import { toIsoTimestamp } from '../../db/iso.ts'
import { notFound, RecordedRefusal } from '../errors.ts'
import { listImageUrl, toFileDtoOrNull } from '../files/file.dto.ts'
import { FileRecord } from '../files/file.entity.ts'
import type { ServiceContext, Session } from '../service-context.ts'
import { uniqueKeyOf } from '../text-keys.ts'
import { hashPassword, needsRehash, verifyAgainstDecoy, verifyPassword } from './password.ts'
import { accountStreak, type SignInThrottle, signInThrottle, typedNameStreak } from './sign-in-throttle.ts'
import { forgetSignIn, rememberSignIn } from './stay-signed-in.ts'
import { User } from './user.entity.ts'

type RegistrationInput = z.output<typeof Registration>
type SignInInput = z.output<typeof SignIn>
type ProfileUpdateInput = z.output<typeof ProfileUpdate>
type PasswordChangeInput = z.output<typeof PasswordChange>
type AvatarChangeInput = z.output<typeof AvatarChange>
type AccountDeletionInput = z.output<typeof AccountDeletion>

const WRONG_CREDENTIALS = 'Wrong username or password.'

const toUserDto = (user: User): UserDto => ({
  id: user.id,
  username: user.username,
  firstName: user.firstName ?? null,
  lastName: user.lastName ?? null,
  email: user.email,
  avatar: toFileDtoOrNull(user.avatar),
  staySignedIn: user.staySignedIn,
  createdAt: toIsoTimestamp(user.createdAt),
  updatedAt: toIsoTimestamp(user.updatedAt),
})

/** The signed-in user's id; UNAUTHENTICATED when nobody is signed in. */
export function signedInUserId(session: Session): number {
  if (session.userId === null) throw new AppError('UNAUTHENTICATED', 'Sign in first.')
  return session.userId
}

// The session outlives rows: if the user is gone (deleted elsewhere, e.g. by a restore), nobody is signed in.
async function signedInUser(ctx: ServiceContext): Promise<User> {
  const user = await ctx.em.findOne(User, { id: signedInUserId(ctx.session) }, { populate: ['avatar'] })
  if (!user) {
    ctx.session.userId = null
    throw new AppError('UNAUTHENTICATED', 'Sign in first.')
  }
  return user
}

// SQLite's NOCASE folds only ASCII letters, and usernames may use any letter ("Élodie"): those are compared by uniqueKeyOf.

const isAscii = (text: string) => /^\p{ASCII}*$/u.test(text)

/** The user whose username or email is `identifier` regardless of case; a username has no "@", so at most one. */
async function findByIdentifier(ctx: ServiceContext, identifier: string): Promise<User | null> {
  const found = await ctx.em.findOne(
    User,
    { $or: [{ username: identifier }, { email: identifier }] },
    { populate: ['avatar'] },
  )
  if (found || isAscii(identifier)) return found
  // Local profiles are few, so comparing every username is cheap.
  const wanted = uniqueKeyOf(identifier)
  const all = await ctx.em.find(User, {}, { populate: ['avatar'] })
  return all.find((user) => uniqueKeyOf(user.username) === wanted) ?? null
}

/** CONFLICT naming each field that another user already has, so the form shows it beside that field. */
async function assertAvailable(
  ctx: ServiceContext,
  wanted: { username?: string | undefined; email?: string | undefined },
  exceptUserId: number | null,
): Promise<void> {
  // Local profiles are few, so comparing against every one is cheap and folds more than NOCASE does.
  const others = (await ctx.em.find(User, {})).filter((user) => user.id !== exceptUserId)
  const issues: FieldIssue[] = []
  if (wanted.username !== undefined) {
    const username = uniqueKeyOf(wanted.username)
    if (others.some((user) => uniqueKeyOf(user.username) === username)) {
      issues.push({ path: ['username'], message: `The username “${wanted.username}” is already taken.` })
    }
  }
  if (wanted.email !== undefined) {
    const email = uniqueKeyOf(wanted.email)
    if (others.some((user) => uniqueKeyOf(user.email) === email)) {
      issues.push({ path: ['email'], message: 'Another profile already uses this email address.' })
    }
  }
  const [first] = issues
  if (!first) return
  const message = issues.length === 1 ? first.message : 'That username and that email are already taken.'
  throw new AppError('CONFLICT', message, issues)
}

async function refuseWhileThrottled(throttle: SignInThrottle, streak: string): Promise<void> {
  const waitMs = await throttle.waitFor(streak)
  if (waitMs === 0) return
  const seconds = Math.ceil(waitMs / 1000)
  throw new AppError(
    'UNAUTHENTICATED',
    `Too many wrong passwords. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`,
  )
}

/**
 * Checks the signed-in user's password before a sensitive change, under the same throttle as signing in
 * (counted per account, so guessing through "change password" earns no extra tries); UNAUTHENTICATED,
 * beside the form's field, when it is wrong.
 */
async function assertPassword(
  ctx: ServiceContext,
  user: User,
  password: string,
  field: string,
): Promise<void> {
  const throttle = signInThrottle(ctx.em)
  const account = accountStreak(user.id)
  await refuseWhileThrottled(throttle, account)
  if (await verifyPassword(password, user.password)) {
    await throttle.recordSuccess(account)
    return
  }
  await throttle.recordFailure(account)
  const message = 'The password is wrong.'
  throw new RecordedRefusal('UNAUTHENTICATED', message, [{ path: [field], message }])
}

/** Creates a local profile and signs it in. */
export async function register(ctx: ServiceContext, input: RegistrationInput): Promise<UserDto> {
  const username = input.username.normalize('NFC')
  await assertAvailable(ctx, { username, email: input.email }, null)
  const user = ctx.em.create(User, {
    username,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    password: await hashPassword(input.password),
    avatar: null,
  })
  await ctx.em.flush()
  await rememberSignIn(ctx.em, user, input.staySignedIn)
  ctx.session.userId = user.id
  return toUserDto(user)
}

/**
 * Signs in by username or email, in any case. An unknown name and a wrong password get the same answer
 * and take the same time; repeated failures are refused for a growing while (see SignInThrottle).
 *
 * Wrong guesses count twice: against the name typed and against the account it names, so switching
 * between an account's username and email earns no extra tries. Only the typed name's own streak ever
 * answers "too many wrong passwords": had a blocked account said so, guesses on "ann" followed by one try
 * at "ann@example.com" (told "too many") and one at any other email (told "wrong username or password")
 * would reveal which email is Ann's. So while an account is blocked, any name leading to it is answered
 * exactly as an unknown name is: the same words, the same time spent hashing, the same failure counted
 * against the name typed, which therefore earns its own "try again in N s" as an unknown name would.
 */
export async function signIn(ctx: ServiceContext, input: SignInInput): Promise<UserDto> {
  const throttle = signInThrottle(ctx.em)
  const name = typedNameStreak(input.username)
  await refuseWhileThrottled(throttle, name)
  const match = await findByIdentifier(ctx, input.username)
  const accountBlocked = match !== null && (await throttle.waitFor(accountStreak(match.id))) > 0
  if (!match || accountBlocked) {
    await verifyAgainstDecoy(input.password)
    await throttle.recordFailure(name)
    throw new RecordedRefusal('UNAUTHENTICATED', WRONG_CREDENTIALS)
  }
  const account = accountStreak(match.id)
  if (!(await verifyPassword(input.password, match.password))) {
    await throttle.recordFailure(name)
    await throttle.recordFailure(account)
    throw new RecordedRefusal('UNAUTHENTICATED', WRONG_CREDENTIALS)
  }

  await throttle.recordSuccess(name)
  await throttle.recordSuccess(account)
  if (needsRehash(match.password)) {
    match.password = await hashPassword(input.password)
    await ctx.em.flush()
  }
  await rememberSignIn(ctx.em, match, input.staySignedIn)
  ctx.session.userId = match.id
  return toUserDto(match)
}

/** Signs out, and the profile no longer opens the catalogue signed in. */
export async function signOut(ctx: ServiceContext): Promise<{ signedOut: true }> {
  if (ctx.session.userId !== null) await forgetSignIn(ctx.em, ctx.session.userId)
  ctx.session.userId = null
  return { signedOut: true }
}

/** The signed-in user, or null when nobody is. */
export async function currentUser(ctx: ServiceContext): Promise<UserDto | null> {
  if (ctx.session.userId === null) return null
  const user = await ctx.em.findOne(User, { id: ctx.session.userId }, { populate: ['avatar'] })
  if (!user) ctx.session.userId = null
  return user ? toUserDto(user) : null
}

/** Every local profile for the sign-in screen, by username; public fields only. */
export async function listProfiles(ctx: ServiceContext): Promise<ProfileSummary[]> {
  const users = await ctx.em.find(
    User,
    {},
    { populate: ['avatar'], exclude: ['password'], orderBy: { username: 'asc', id: 'asc' } },
  )
  return users.map((user) => ({
    id: user.id,
    username: user.username,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    avatarUrl: listImageUrl(user.avatar?.url),
  }))
}

/** Changes the fields given of the signed-in user's profile; an empty name clears it. */
export async function updateProfile(ctx: ServiceContext, input: ProfileUpdateInput): Promise<UserDto> {
  const user = await signedInUser(ctx)
  const username = input.username?.normalize('NFC')
  await assertAvailable(ctx, { username, email: input.email }, user.id)
  if (username !== undefined) user.username = username
  if (input.email !== undefined) user.email = input.email
  if (input.firstName !== undefined) user.firstName = input.firstName
  if (input.lastName !== undefined) user.lastName = input.lastName
  await ctx.em.flush()
  return toUserDto(user)
}

export async function changePassword(
  ctx: ServiceContext,
  input: PasswordChangeInput,
): Promise<{ changed: true }> {
  const user = await signedInUser(ctx)
  await assertPassword(ctx, user, input.currentPassword, 'currentPassword')
  user.password = await hashPassword(input.newPassword)
  await ctx.em.flush()
  return { changed: true }
}

/** Sets the signed-in user's avatar to a stored file, or clears it with null. */
export async function setAvatar(ctx: ServiceContext, input: AvatarChangeInput): Promise<UserDto> {
  const user = await signedInUser(ctx)
  if (input.fileId === null) {
    user.avatar = null
  } else {
    const file = await ctx.em.findOne(FileRecord, { id: input.fileId })
    if (!file) throw notFound('file', input.fileId)
    user.avatar = file
  }
  await ctx.em.flush()
  return toUserDto(user)
}

/** Deletes the signed-in user after checking their password; their favorites go with them (ON DELETE CASCADE). */
export async function deleteAccount(
  ctx: ServiceContext,
  input: AccountDeletionInput,
): Promise<{ deleted: true }> {
  const user = await signedInUser(ctx)
  await assertPassword(ctx, user, input.password, 'password')
  ctx.em.remove(user)
  await ctx.em.flush()
  ctx.session.userId = null
  return { deleted: true }
}
