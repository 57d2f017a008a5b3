import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../lib/api.ts'
import { refreshAfter } from '../../lib/query-refresh.ts'

/** Adds a genre by name; a name that differs only in case or accents from another is refused by main. */
export function useCreateGenre() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (name: string) => api.genres.create({ name }),
    onSuccess: () => refreshAfter(queryClient, 'genres:create'),
  })
}
