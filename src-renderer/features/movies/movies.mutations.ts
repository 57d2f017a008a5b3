import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Input } from '../../../src-shared/contract.ts'
import type { MovieDetail, MoviePage } from '../../../src-shared/movies.ts'
import { api } from '../../lib/api.ts'
import { refreshAfter } from '../../lib/query-refresh.ts'

export type MovieDraft = Input<'movies:create'>
export type MovieUpdate = Input<'movies:update'>

/** Adds a movie; the views showing movies refresh as soon as it is stored. */
export function useCreateMovie() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (draft: MovieDraft) => api.movies.create(draft),
    onSuccess: () => refreshAfter(queryClient, 'movies:create'),
  })
}

export function useUpdateMovie() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (update: MovieUpdate) => api.movies.update(update),
    onSuccess: (movie) => {
      queryClient.setQueryData(['movies', 'detail', movie.id], movie)
      return refreshAfter(queryClient, 'movies:update')
    },
  })
}

export function useDeleteMovie() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => api.movies.delete({ id }),
    onSuccess: (_usage, id) => {
      queryClient.removeQueries({ queryKey: ['movies', 'detail', id] })
      return refreshAfter(queryClient, 'movies:delete')
    },
  })
}

/** Adds the movie to the signed-in profile's favorites, or takes it out; every heart on screen follows at once. */
export function useSetFavorite() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ movieId, isFavorite }: { movieId: number; isFavorite: boolean }) => {
      await (isFavorite ? api.favorites.add({ movieId }) : api.favorites.remove({ movieId }))
    },
    onMutate: async ({ movieId, isFavorite }) => {
      await queryClient.cancelQueries({ queryKey: ['movies', 'detail', movieId] })
      queryClient.setQueriesData<MoviePage>({ queryKey: ['movies', 'list'] }, (page) =>
        page
          ? {
              ...page,
              items: page.items.map((movie) => (movie.id === movieId ? { ...movie, isFavorite } : movie)),
            }
          : page,
      )
      queryClient.setQueryData<MovieDetail>(['movies', 'detail', movieId], (movie) =>
        movie ? { ...movie, isFavorite } : movie,
      )
    },
    // Success or not, what main now holds is the truth: a failed toggle springs back.
    onSettled: () => refreshAfter(queryClient, 'favorites:add'),
  })
}
