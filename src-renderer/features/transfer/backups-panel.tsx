import { Alert, Button, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core'
import { modals } from '@mantine/modals'
import { useQuery } from '@tanstack/react-query'
import type { BackupFrequency } from '../../../src-shared/transfer.ts'
import { formatNumber } from '../../lib/format.ts'
import { TaskProgress, useTask } from './task-progress.tsx'
import { useBackUpNow, useCheck, useRestore, useSetSchedule } from './transfer.mutations.ts'
import { transferQueries } from './transfer.queries.ts'

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`

/** Back up now, the schedule, the backups kept, Restore, and the integrity check. */
export function BackupsPanel() {
  const { data: overview } = useQuery(transferQueries.backups())
  const backUp = useBackUpNow()
  const restore = useRestore()
  const check = useCheck()
  const schedule = useSetSchedule()
  const backupTask = useTask(backUp.data?.taskId ?? null)
  const restoreTask = useTask(restore.data?.taskId ?? null)
  const checkTask = useTask(check.data?.taskId ?? null)
  const report =
    restoreTask?.result?.kind === 'restore'
      ? restoreTask.result.summary.check
      : checkTask?.result?.kind === 'check'
        ? checkTask.result.report
        : null

  const confirmRestore = (fileName: string) =>
    modals.openConfirmModal({
      title: `Restore ${fileName}?`,
      children: (
        <Text size="sm">
          Every film, person and profile is replaced by the backup’s. A backup of the catalogue as it is now
          is made first, so this can be undone by restoring that one.
        </Text>
      ),
      labels: { confirm: 'Restore', cancel: 'Keep the catalogue as it is' },
      confirmProps: { color: 'red' },
      onConfirm: () => restore.mutate({ fileName }),
    })

  return (
    <Stack gap="lg" maw={900}>
      <Group align="end">
        <Button
          loading={backUp.isPending}
          onClick={() => backUp.mutate()}
          disabled={backupTask?.state === 'running'}
        >
          Back up now
        </Button>
        <Button variant="default" loading={check.isPending} onClick={() => check.mutate()}>
          Check the catalogue
        </Button>
      </Group>
      {[backupTask, restoreTask, checkTask].map(
        (task) => task?.state === 'running' && <TaskProgress key={task.taskId} task={task} />,
      )}
      {[backupTask, restoreTask, checkTask].map(
        (task) =>
          task?.error && (
            <Alert key={task.taskId} color="red" title={`${task.label} failed`}>
              {task.error.message}
            </Alert>
          ),
      )}
      {report && (
        <Alert
          color={report.ok ? 'green' : 'orange'}
          title={report.ok ? 'The catalogue is sound' : 'Problems found'}
        >
          {report.ok
            ? `${formatNumber(report.movies)} films and ${formatNumber(report.images)} images: every reference and every image is in place.`
            : report.problems.join(' ')}
        </Alert>
      )}
      {overview && (
        <>
          <Group align="end">
            <Select
              label="Automatic backups"
              value={overview.schedule.frequency}
              data={[
                { value: 'daily', label: 'Daily, at the first start of the day' },
                { value: 'weekly', label: 'Weekly' },
                { value: 'off', label: 'Off' },
              ]}
              onChange={(value) =>
                value && schedule.mutate({ ...overview.schedule, frequency: value as BackupFrequency })
              }
              w={300}
              allowDeselect={false}
            />
            <NumberInput
              label="Keep the last"
              min={1}
              max={100}
              value={overview.schedule.keep}
              onChange={(value) =>
                typeof value === 'number' && schedule.mutate({ ...overview.schedule, keep: value })
              }
              w={140}
            />
          </Group>
          <Text size="sm" c="dimmed">
            Backups are kept in {overview.folder}
          </Text>
          <Title order={3} size="h5">
            Backups
          </Title>
          {overview.backups.length === 0 ? (
            <Text size="sm">No backups yet.</Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>File</Table.Th>
                    <Table.Th>Made</Table.Th>
                    <Table.Th>Size</Table.Th>
                    <Table.Th>
                      <span className="mantine-visually-hidden">Actions</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {overview.backups.map((backup) => (
                    <Table.Tr key={backup.fileName}>
                      <Table.Td>{backup.fileName}</Table.Td>
                      <Table.Td>{new Date(backup.createdAt).toLocaleString()}</Table.Td>
                      <Table.Td>{megabytes(backup.bytes)}</Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="red"
                          onClick={() => confirmRestore(backup.fileName)}
                          aria-label={`Restore ${backup.fileName}`}
                        >
                          Restore…
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  )
}
