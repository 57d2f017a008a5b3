import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Input } from '../../../src-shared/contract.ts'
import { api } from '../../lib/api.ts'
import { refreshAfter } from '../../lib/query-refresh.ts'

export type CharacterDraft = Input<'characters:add'>
export type CharacterUpdate = Input<'characters:update'>

// A character shows on its movie's page and its actor's; the refresh map (lib/query-refresh.ts) knows both.

export function useAddCharacter() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (draft: CharacterDraft) => api.characters.add(draft),
    onSuccess: () => refreshAfter(queryClient, 'characters:add'),
  })
}

export function useUpdateCharacter() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (update: CharacterUpdate) => api.characters.update(update),
    onSuccess: () => refreshAfter(queryClient, 'characters:update'),
  })
}

export function useRemoveCharacter() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => api.characters.remove({ id }),
    onSuccess: () => refreshAfter(queryClient, 'characters:remove'),
  })
}
