import { keepPreviousData, type QueryKey, type UseQueryOptions, useQueries } from '@tanstack/react-query'
import { useCallback, useMemo, useState } from 'react'
import type { Page } from '../../src-shared/common.ts'

/** Rows fetched per call: a screenful several times over, small enough to answer in a few milliseconds. */
export const WINDOW_SIZE = 100

export interface ListWindows<Item> {
  /** The size of the whole list; null until the first answer. */
  total: number | null
  /** The item at a position of the list, or undefined while its window loads. */
  itemAt(index: number): Item | undefined
  /** Tells which positions are on screen, so their windows load (and only theirs). */
  showRange(first: number, last: number): void
  isError: boolean
  error: Error | null
  retry(): void
}

/**
 * A long list as a person scrolls it: fetched window by window at the positions on screen, so dragging the
 * scrollbar to any point asks main for the rows there, and never for the ones skipped. `listKey` names the
 * list (its search and order): a new one is seen from its top. `windowAt` gives the query of one window.
 */
export function useListWindows<Item, Key extends QueryKey>(
  listKey: string,
  windowAt: (position: number, limit: number) => UseQueryOptions<Page<Item>, Error, Page<Item>, Key>,
): ListWindows<Item> {
  const [range, setRange] = useState({ listKey, first: 0, last: WINDOW_SIZE - 1 })
  if (range.listKey !== listKey) setRange({ listKey, first: 0, last: WINDOW_SIZE - 1 })
  const firstWindow = Math.floor(range.first / WINDOW_SIZE)
  const lastWindow = Math.floor(range.last / WINDOW_SIZE)

  const windowStarts = useMemo(() => {
    const starts: number[] = []
    for (let index = firstWindow; index <= lastWindow; index++) starts.push(index * WINDOW_SIZE)
    return starts
  }, [firstWindow, lastWindow])

  const results = useQueries({
    queries: windowStarts.map((start) => ({
      ...windowAt(start, WINDOW_SIZE),
      placeholderData: keepPreviousData,
    })),
  })

  const windows = new Map<number, Item[]>()
  let answered: number | null = null
  results.forEach((result, index) => {
    const start = windowStarts[index]
    if (start === undefined || !result.data) return
    answered ??= result.data.total
    if (!result.isPlaceholderData) windows.set(start, result.data.items)
  })
  // A window not fetched before has no previous data to keep (useQueries keeps it per query, not per place),
  // so a jump to the end, or a changed search, would leave the list without a size for a moment, unmount
  // it, and lose the scroll position. The last size known stands in until the new answer comes.
  const [lastTotal, setLastTotal] = useState<number | null>(null)
  if (answered !== null && answered !== lastTotal) setLastTotal(answered)
  const total = answered ?? lastTotal
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
    itemAt: (index) => windows.get(index - (index % WINDOW_SIZE))?.[index % WINDOW_SIZE],
    showRange,
    isError: failed !== undefined,
    error: failed?.error ?? null,
    retry: () => {
      for (const result of results) if (result.isError) void result.refetch()
    },
  }
}
