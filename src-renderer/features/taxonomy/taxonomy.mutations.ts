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

export function useRenameGenre() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (rename: { id: number; name: string }) => api.genres.rename(rename),
    onSuccess: () => refreshAfter(queryClient, 'genres:rename'),
  })
}

/** Deletes a genre; its films lose it and stay. */
export function useDeleteGenre() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => api.genres.delete({ id }),
    onSuccess: () => refreshAfter(queryClient, 'genres:delete'),
  })
}

export function useCreateCountry() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (name: string) => api.countries.create({ name }),
    onSuccess: () => refreshAfter(queryClient, 'countries:create'),
  })
}

export function useRenameCountry() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (rename: { id: number; name: string }) => api.countries.rename(rename),
    onSuccess: () => refreshAfter(queryClient, 'countries:rename'),
  })
}

/** Deletes a country; the films and people that had it lose it and stay. */
export function useDeleteCountry() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => api.countries.delete({ id }),
    onSuccess: () => refreshAfter(queryClient, 'countries:delete'),
  })
}
