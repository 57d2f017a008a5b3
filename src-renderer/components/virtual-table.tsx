import { useVirtualizer } from '@tanstack/react-virtual'
import { type ReactNode, useEffect, useRef } from 'react'
import type { ListWindows } from '../lib/use-list-windows.ts'
import classes from './virtual-table.module.css'

// The sticky column headers sit above the first row inside the scrolling element.
const HEADER_HEIGHT = 36

/**
 * A long list as a table, virtualized: only the rows on screen exist, and the scrollbar spans the whole
 * list, so dragging it (or Home, End, Page Down with the table focused) reaches any row among hundreds of
 * thousands. The rows come window by window from `windows`; the caller gives the cells: `header` the
 * column headers, `cells` one item's, and `loadingCells` a row's while its window loads.
 */
export function VirtualTable<Item>({
  windows,
  total,
  label,
  rowHeight,
  header,
  cells,
  loadingCells,
}: {
  windows: ListWindows<Item>
  total: number
  label: string
  rowHeight: number
  header: ReactNode
  cells: (item: Item) => ReactNode
  loadingCells: ReactNode
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    scrollMargin: HEADER_HEIGHT,
    overscan: 8,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  const { showRange } = windows
  useEffect(() => showRange(first, last), [showRange, first, last])

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (WCAG 2.1.1)
    <div ref={scrollRef} className={classes.scroller} tabIndex={0}>
      <table className={classes.table} aria-label={label} aria-rowcount={total + 1}>
        <thead className={classes.header}>
          <tr aria-rowindex={1} className={classes.row}>
            {header}
          </tr>
        </thead>
        <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((row) => {
            const item = windows.itemAt(row.index)
            const style = { height: row.size, transform: `translateY(${row.start - HEADER_HEIGHT}px)` }
            return item ? (
              <tr key={row.key} aria-rowindex={row.index + 2} className={classes.row} style={style}>
                {cells(item)}
              </tr>
            ) : (
              <tr
                key={row.key}
                aria-rowindex={row.index + 2}
                aria-busy="true"
                className={classes.row}
                style={style}
              >
                {loadingCells}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
