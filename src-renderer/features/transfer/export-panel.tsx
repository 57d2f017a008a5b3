import { Alert, Button, Checkbox, Code, Group, SegmentedControl, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { formatNumber } from '../../lib/format.ts'
import { TaskProgress, useTask } from './task-progress.tsx'
import { useExport } from './transfer.mutations.ts'

/** The whole catalogue as CSV (imports back without loss) or JSON (every table), with its images if wanted. */
export function ExportPanel() {
  const [format, setFormat] = useState<'csv' | 'json'>('csv')
  const [includeImages, setIncludeImages] = useState(false)
  const exporting = useExport()
  const task = useTask(exporting.data?.taskId ?? null)
  const summary = task?.result?.kind === 'export' ? task.result.summary : null
  return (
    <Stack gap="md" maw={640}>
      <Stack gap={4}>
        <Text size="sm" fw={600} id="export-format-label">
          Format
        </Text>
        <SegmentedControl
          aria-labelledby="export-format-label"
          value={format}
          onChange={(value) => setFormat(value as 'csv' | 'json')}
          data={[
            { value: 'csv', label: 'CSV (films)' },
            { value: 'json', label: 'JSON (every table)' },
          ]}
          w={320}
        />
      </Stack>
      <Checkbox
        label="Include the images (a zip)"
        checked={includeImages}
        onChange={(event) => setIncludeImages(event.currentTarget.checked)}
      />
      {task?.state === 'running' ? (
        <TaskProgress task={task} />
      ) : (
        <Group>
          <Button loading={exporting.isPending} onClick={() => exporting.mutate({ format, includeImages })}>
            Export
          </Button>
        </Group>
      )}
      {task?.error && <Alert color="red">{task.error.message}</Alert>}
      {summary && (
        <Alert color="green" title="Exported">
          {formatNumber(summary.movies)} films written to <Code>{summary.path}</Code>
        </Alert>
      )}
    </Stack>
  )
}
