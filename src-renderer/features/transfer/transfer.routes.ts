import { IconDatabaseExport } from '@tabler/icons-react'
import type { NavEntry } from '../../lib/feature.ts'
import { TransferPage } from './transfer-page.tsx'

/** /transfer: import, export, backups and the integrity check. */
export const transferRoute = { path: '/transfer', component: TransferPage } as const

export const transferNav: NavEntry = {
  to: '/transfer',
  label: 'Import & backups',
  icon: IconDatabaseExport,
  order: 90,
}
