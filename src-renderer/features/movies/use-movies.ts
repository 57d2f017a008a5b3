import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Input } from '../../../src-shared/contract.ts'
import { api } from '../../lib/api.ts'

export type MovieListQuery = Input<'movies:list'>
export type MovieDraft = Input<'movies:create'>

/** One page of the sorted, filtered movie list, with the total of all matches. */
export function useMovieList(query: MovieListQuery) {
  return useQuery({
    queryKey: ['movies', 'list', query],
    queryFn: () => api.movies.list(query),
  })
}

/** Adds a movie; every movie view refetches once it is stored. */
export function useCreateMovie() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (draft: MovieDraft) => api.movies.create(draft),
    // main also announces the change with `data:changed`; refreshing here keeps this window correct on its own.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['movies'] }),
  })
}
