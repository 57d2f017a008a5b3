import { Stack, Tabs, Title } from '@mantine/core'
import { BackupsPanel } from './backups-panel.tsx'
import { ExportPanel } from './export-panel.tsx'
import { ImportPanel } from './import-panel.tsx'

/** /transfer: bring films in, take them out, keep the catalogue safe. */
export function TransferPage() {
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Import, export and backups
      </Title>
      <Tabs defaultValue="import" keepMounted>
        <Tabs.List>
          <Tabs.Tab value="import">Import</Tabs.Tab>
          <Tabs.Tab value="export">Export</Tabs.Tab>
          <Tabs.Tab value="backups">Backups</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="import" pt="md">
          <ImportPanel />
        </Tabs.Panel>
        <Tabs.Panel value="export" pt="md">
          <ExportPanel />
        </Tabs.Panel>
        <Tabs.Panel value="backups" pt="md">
          <BackupsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
