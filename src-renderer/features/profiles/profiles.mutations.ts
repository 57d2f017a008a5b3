import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Channel, Input } from '../../../src-shared/contract.ts'
import type { UserDto } from '../../../src-shared/users.ts'
import { api } from '../../lib/api.ts'
import { refreshAfter } from '../../lib/query-refresh.ts'
import { profileKeys } from './profiles.queries.ts'

export type Registration = Input<'users:register'>
export type SignIn = Input<'users:signIn'>
export type ProfileUpdate = Input<'users:updateProfile'>

const isUser = (value: unknown): value is UserDto =>
  typeof value === 'object' && value !== null && 'username' in value

/** A profile command: when it answers with the signed-in user, the app knows them at once. */
function useProfileCommand<Variables, Result>(
  channel: Channel,
  call: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (result) => {
      if (isUser(result)) queryClient.setQueryData<UserDto | null>(profileKeys.current, result)
      return refreshAfter(queryClient, channel)
    },
  })
}

/** Creates a profile and signs it in. */
export const useRegister = () =>
  useProfileCommand('users:register', (input: Registration) => api.users.register(input))

export const useSignIn = () => useProfileCommand('users:signIn', (input: SignIn) => api.users.signIn(input))

export function useSignOut() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.users.signOut(),
    onSuccess: () => {
      // Nobody's data stays on screen once they have left: cached views are dropped, not just refreshed.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'users' })
      queryClient.setQueryData(profileKeys.current, null)
      return refreshAfter(queryClient, 'users:signOut')
    },
  })
}

export const useUpdateProfile = () =>
  useProfileCommand('users:updateProfile', (input: ProfileUpdate) => api.users.updateProfile(input))

export const useSetAvatar = () =>
  useProfileCommand('users:setAvatar', (fileId: number | null) => api.users.setAvatar({ fileId }))

export const useChangePassword = () =>
  useProfileCommand('users:changePassword', (input: Input<'users:changePassword'>) =>
    api.users.changePassword(input),
  )

export function useDeleteProfile() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (password: string) => api.users.delete({ password }),
    onSuccess: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'users' })
      queryClient.setQueryData(profileKeys.current, null)
      return refreshAfter(queryClient, 'users:delete')
    },
  })
}
