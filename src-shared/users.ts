import { z } from 'zod'
import { type FileDto, Id, optionalText } from './common.ts'
import { out } from './contract-kit.ts'

const Username = z
  .string({ error: 'Username is required.' })
  .trim()
  .min(2, 'Username is at least 2 characters.')
  .max(50, 'Username is at most 50 characters.')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'Username may use letters, digits, dot, dash and underscore.')

const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'Enter a valid email address.' }))

export const MIN_PASSWORD_LENGTH = 8
const NewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Password is at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, 'Password is at most 1024 characters.')
const GivenPassword = z.string().min(1, 'Password is required.').max(1024)

/**
 * "Stay signed in on this computer": main remembers the choice per profile and, while it holds, opens the
 * catalogue signed in as that profile. Only one profile at a time; signing out forgets it.
 */
const StaySignedIn = z.boolean().default(false)

export const Registration = z.object({
  username: Username,
  firstName: optionalText(100),
  lastName: optionalText(100),
  email: Email,
  password: NewPassword,
  staySignedIn: StaySignedIn,
})

export const SignIn = z.object({
  username: z.string().trim().min(1, 'Username is required.').max(254),
  password: GivenPassword,
  staySignedIn: StaySignedIn,
})

/** Only the fields present change; an empty name clears it. */
export const ProfileUpdate = z.object({
  username: Username.optional(),
  firstName: optionalText(100).optional(),
  lastName: optionalText(100).optional(),
  email: Email.optional(),
})

export const PasswordChange = z.object({ currentPassword: GivenPassword, newPassword: NewPassword })
export const AvatarChange = z.object({ fileId: Id.nullable() })
export const AccountDeletion = z.object({ password: GivenPassword })

/** A user as anyone may see it; never carries the password hash. */
export interface UserDto {
  id: number
  username: string
  firstName: string | null
  lastName: string | null
  email: string
  avatar: FileDto | null
  /** Whether main opens the catalogue signed in as this profile. */
  staySignedIn: boolean
  createdAt: string
  updatedAt: string
}

/** A profile on the local sign-in screen. */
export interface ProfileSummary {
  id: number
  username: string
  firstName: string | null
  lastName: string | null
  /** The image's thumbnail (see FileDto.thumbUrl), small enough for a list. */
  avatarUrl: string | null
}

const Nothing = z.object({}).default({})

export const userChannels = {
  'users:register': {
    kind: 'command',
    input: Registration,
    output: out<UserDto>(),
    changes: ['users', 'session'],
  },
  'users:signIn': { kind: 'command', input: SignIn, output: out<UserDto>(), changes: ['session'] },
  'users:signOut': {
    kind: 'command',
    input: Nothing,
    output: out<{ signedOut: true }>(),
    changes: ['session'],
  },
  'users:current': { kind: 'query', input: Nothing, output: out<UserDto | null>() },
  'users:profiles': { kind: 'query', input: Nothing, output: out<ProfileSummary[]>() },
  'users:updateProfile': {
    kind: 'command',
    input: ProfileUpdate,
    output: out<UserDto>(),
    changes: ['users'],
  },
  'users:changePassword': {
    kind: 'command',
    input: PasswordChange,
    output: out<{ changed: true }>(),
    changes: ['users'],
  },
  'users:setAvatar': { kind: 'command', input: AvatarChange, output: out<UserDto>(), changes: ['users'] },
  'users:delete': {
    kind: 'command',
    input: AccountDeletion,
    output: out<{ deleted: true }>(),
    changes: ['users', 'session', 'favorites'],
  },
} as const
