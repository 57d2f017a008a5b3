import { Badge, Button, Popover, Stack, Text } from '@mantine/core'
import { IconLoader2 } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { TaskProgress } from './task-progress.tsx'
import { transferQueries } from './transfer.queries.ts'
import { useTaskEvents } from './use-task-events.ts'

/** The header's one place for long work: how many tasks run, and each with its progress and Cancel. */
export function TaskIndicator() {
  useTaskEvents()
  const { data: tasks = [] } = useQuery(transferQueries.tasks())
  const running = tasks.filter((task) => task.state === 'running')
  if (running.length === 0) return null
  return (
    <Popover width={320} position="bottom-end" shadow="md">
      <Popover.Target>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconLoader2 size={16} aria-hidden />}
          aria-label="Running tasks"
        >
          <Badge size="sm" circle>
            {running.length}
          </Badge>
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="md">
          <Text size="sm" fw={700}>
            Running tasks
          </Text>
          {running.map((task) => (
            <TaskProgress key={task.taskId} task={task} />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  )
}
