import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Input } from '../../../src-shared/contract.ts'
import { api } from '../../lib/api.ts'
import { refreshAfter } from '../../lib/query-refresh.ts'

export type PersonDraft = Input<'people:create'>

/** Adds a person; lists and pickers of people refresh once they are stored. */
export function useCreatePerson() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (draft: PersonDraft) => api.people.create(draft),
    onSuccess: () => refreshAfter(queryClient, 'people:create'),
  })
}
