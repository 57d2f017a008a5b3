import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Input } from '../../../src-shared/contract.ts'
import type { PersonDetail } from '../../../src-shared/people.ts'
import { api } from '../../lib/api.ts'
import { refreshAfter } from '../../lib/query-refresh.ts'
import { personKeys } from './people.queries.ts'

export type PersonDraft = Input<'people:create'>
export type PersonUpdate = Input<'people:update'>

/** Adds a person; lists and pickers of people refresh once they are stored. */
export function useCreatePerson() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (draft: PersonDraft) => api.people.create(draft),
    onSuccess: () => refreshAfter(queryClient, 'people:create'),
  })
}

export function useUpdatePerson() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (update: PersonUpdate) => api.people.update(update),
    onSuccess: (person: PersonDetail) => {
      queryClient.setQueryData(personKeys.detail(person.id), person)
      return refreshAfter(queryClient, 'people:update')
    },
  })
}

/** Deletes a person; the films they directed and the characters they played stay, without them. */
export function useDeletePerson() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => api.people.delete({ id }),
    onSuccess: (_usage, id) => {
      queryClient.removeQueries({ queryKey: personKeys.detail(id) })
      return refreshAfter(queryClient, 'people:delete')
    },
  })
}
