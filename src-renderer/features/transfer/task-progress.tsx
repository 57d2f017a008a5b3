import { Button, Group, Progress, Stack, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { TaskSnapshot } from '../../../src-shared/tasks.ts'
import { formatNumber } from '../../lib/format.ts'
import { useCancelTask } from './transfer.mutations.ts'
import { transferQueries } from './transfer.queries.ts'

/** The latest snapshot of one task, as main's events keep it. */
export function useTask(taskId: string | null): TaskSnapshot | null {
  const { data } = useQuery({ ...transferQueries.tasks(), enabled: taskId !== null })
  return data?.find((task) => task.taskId === taskId) ?? null
}

const timeLeft = (seconds: number | null) =>
  seconds === null
    ? null
    : seconds < 60
      ? `about ${Math.max(1, seconds)} s left`
      : `about ${Math.ceil(seconds / 60)} min left`

/** A running task: what it does, a bar, how far, the time left, and Cancel. */
export function TaskProgress({ task }: { task: TaskSnapshot }) {
  const cancel = useCancelTask()
  const percent = task.total > 0 ? Math.round((task.done / task.total) * 100) : 0
  const left = timeLeft(task.secondsLeft)
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600} truncate>
          {task.label}
        </Text>
        {task.state === 'running' && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => cancel.mutate(task.taskId)}
            aria-label={`Cancel ${task.label}`}
          >
            Cancel
          </Button>
        )}
      </Group>
      <Progress
        value={task.total > 0 ? percent : 100}
        animated={task.total === 0}
        striped={task.total === 0}
        aria-label={`${task.label}: ${task.phase}`}
      />
      <Text size="xs" c="dimmed">
        {task.phase}
        {task.total > 0 && ` — ${formatNumber(task.done)} of ${formatNumber(task.total)}`}
        {left && ` — ${left}`}
      </Text>
    </Stack>
  )
}
