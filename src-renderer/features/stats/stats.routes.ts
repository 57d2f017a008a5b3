import { IconChartBar } from '@tabler/icons-react'
import type { NavEntry } from '../../lib/feature.ts'
import { StatsPage } from './stats-page.tsx'

/** /statistics: the collection at a glance. */
export const statsRoute = { path: '/statistics', component: StatsPage } as const

export const statsNav: NavEntry = { to: '/statistics', label: 'Statistics', icon: IconChartBar, order: 50 }
