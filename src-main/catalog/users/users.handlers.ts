import type { DomainHandlers } from '../../ipc/handlers.ts'
import {
  changePassword,
  currentUser,
  deleteAccount,
  listProfiles,
  register,
  setAvatar,
  signIn,
  signOut,
  updateProfile,
} from './users.service.ts'

export const userHandlers: DomainHandlers<'users'> = {
  'users:register': (input, ctx) => register(ctx, input),
  'users:signIn': (input, ctx) => signIn(ctx, input),
  'users:signOut': (_input, ctx) => signOut(ctx),
  'users:current': (_input, ctx) => currentUser(ctx),
  'users:profiles': (_input, ctx) => listProfiles(ctx),
  'users:updateProfile': (input, ctx) => updateProfile(ctx, input),
  'users:changePassword': (input, ctx) => changePassword(ctx, input),
  'users:setAvatar': (input, ctx) => setAvatar(ctx, input),
  'users:delete': (input, ctx) => deleteAccount(ctx, input),
}
