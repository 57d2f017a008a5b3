import { Group, Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core'
import { isMacPlatform, shortcutKeys } from '../lib/shortcut-keys.ts'
import { GLOBAL_SHORTCUTS, type Shortcut } from './shortcuts.ts'

/** Keys that work in one place, told here so nobody has to discover them. */
const IN_PLACE: readonly { keys: string[]; label: string }[] = [
  { keys: ['Tab'], label: 'Next field, button or link; Shift+Tab goes back' },
  { keys: ['Enter'], label: 'In a film’s cast: add the character (or save the one being changed)' },
  { keys: ['Esc'], label: 'Close a dialog or a list of choices; stop changing a character or a name' },
  { keys: ['↑', '↓'], label: 'In the command palette: choose a result, then Enter to open it' },
  { keys: ['Page Down', 'End'], label: 'In a long list, once it has focus: scroll, or jump to its end' },
]

export function Keys({ keys }: { keys: string[] }) {
  return (
    <Group gap={4} wrap="nowrap">
      {keys.map((key) => (
        <Kbd key={key} size="sm">
          {key}
        </Kbd>
      ))}
    </Group>
  )
}

function ShortcutTable({
  caption,
  note,
  rows,
}: {
  caption: string
  note?: string
  rows: { keys: string[]; label: string }[]
}) {
  return (
    <Stack gap={6}>
      <Title order={3} fz="sm">
        {caption}
      </Title>
      {note && (
        <Text fz="xs" c="dimmed">
          {note}
        </Text>
      )}
      <Table verticalSpacing={6} aria-label={caption}>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Td w={150}>
                <Keys keys={row.keys} />
              </Table.Td>
              <Table.Td>
                <Text fz="sm">{row.label}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

/** The `?` overlay: every keyboard shortcut, and the keys that work in one place. */
export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const isMac = isMacPlatform()
  const toRow = (shortcut: Shortcut) => ({
    keys: shortcutKeys(shortcut.hotkey, isMac),
    label: shortcut.label,
  })
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg" centered>
      <Stack gap="lg">
        <ShortcutTable
          caption="Anywhere"
          note="Single keys work when the cursor is not in a text field."
          rows={GLOBAL_SHORTCUTS.map(toRow)}
        />
        <ShortcutTable caption="In place" rows={[...IN_PLACE]} />
      </Stack>
    </Modal>
  )
}
