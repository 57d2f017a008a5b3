import { keepPreviousData, useQueries } from '@tanstack/react-query'
import { useCallback, useMemo, useState } from 'react'
import type { MovieListItem } from '../../../src-shared/movies.ts'
import { type MovieListQuery, movieQueries } from './movies.queries.ts'

/** Rows fetched per call: a screenful several times over, small enough to answer in a millisecond. */
export const WINDOW_SIZE = 100

export interface MovieWindows {
  /** The size of the whole filtered list; null until the first answer. */
  total: number | null
  /** The movie at a position of the list, or undefined while its window loads. */
  movieAt(index: number): MovieListItem | undefined
  /** Tells which positions are on screen, so their windows load (and only theirs). */
  showRange(first: number, last: number): void
  isError: boolean
  error: Error | null
  retry(): void
}

/**
 * The list as a person scrolls it: fetched window by window at the positions on screen, so dragging the
 * scrollbar to any point of 100,000 films asks main for the rows there, and never for the ones skipped.
 */
export function useMovieWindows(query: MovieListQuery): MovieWindows {
  const listKey = JSON.stringify(query)
  const [range, setRange] = useState({ listKey, first: 0, last: WINDOW_SIZE - 1 })
  // A new search or filter is a new list, seen from its top: the range shown of the old one no longer applies.
  if (range.listKey !== listKey) setRange({ listKey, first: 0, last: WINDOW_SIZE - 1 })
  const firstWindow = Math.floor(range.first / WINDOW_SIZE)
  const lastWindow = Math.floor(range.last / WINDOW_SIZE)

  // The first window is always asked for: it carries the list's size, which sizes the scrollbar whatever
  // part of the list is on screen, so a jump to the far end never leaves the list without a size.
  const windowStarts = useMemo(() => {
    const starts = [0]
    for (let index = Math.max(1, firstWindow); index <= lastWindow; index++) starts.push(index * WINDOW_SIZE)
    return starts
  }, [firstWindow, lastWindow])

  const results = useQueries({
    queries: windowStarts.map((start) => ({
      ...movieQueries.window(query, start, WINDOW_SIZE),
      // While a changed search loads, keep showing the previous answer's size instead of an empty list.
      placeholderData: keepPreviousData,
    })),
  })

  const windows = new Map<number, MovieListItem[]>()
  let total: number | null = null
  results.forEach((result, index) => {
    const start = windowStarts[index]
    if (start === undefined || !result.data) return
    total ??= result.data.total
    if (!result.isPlaceholderData) windows.set(start, result.data.items)
  })
  const failed = results.find((result) => result.isError)

  const showRange = useCallback((first: number, last: number) => {
    setRange((current) =>
      current.first === first && current.last === last
        ? current
        : { listKey: current.listKey, first, last: Math.max(first, last) },
    )
  }, [])

  return {
    total,
    movieAt: (index) => windows.get(index - (index % WINDOW_SIZE))?.[index % WINDOW_SIZE],
    showRange,
    isError: failed !== undefined,
    error: failed?.error ?? null,
    retry: () => {
      for (const result of results) if (result.isError) void result.refetch()
    },
  }
}
