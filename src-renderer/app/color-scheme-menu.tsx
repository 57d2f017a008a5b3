import { ActionIcon, type MantineColorScheme, Menu, Tooltip, useMantineColorScheme } from '@mantine/core'
import { IconDeviceDesktop, IconMoon, IconSun } from '@tabler/icons-react'

const CHOICES: { value: MantineColorScheme; label: string; icon: typeof IconSun }[] = [
  { value: 'light', label: 'Light', icon: IconSun },
  { value: 'dark', label: 'Dark', icon: IconMoon },
  { value: 'auto', label: 'Follow the system', icon: IconDeviceDesktop },
]

/** Light, dark, or the system's choice; Mantine remembers it on this computer. */
export function ColorSchemeMenu() {
  const { colorScheme, setColorScheme } = useMantineColorScheme()
  const current = CHOICES.find((choice) => choice.value === colorScheme) ?? CHOICES[2]!
  const CurrentIcon = current.icon
  return (
    <Menu position="bottom-end" withArrow>
      <Menu.Target>
        <Tooltip label={`Theme: ${current.label.toLowerCase()}`} openDelay={400}>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Theme">
            <CurrentIcon size={20} stroke={1.7} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Theme</Menu.Label>
        {CHOICES.map(({ value, label, icon: ChoiceIcon }) => (
          <Menu.Item
            key={value}
            leftSection={<ChoiceIcon size={16} stroke={1.7} />}
            onClick={() => setColorScheme(value)}
            aria-checked={value === colorScheme}
            role="menuitemradio"
            fw={value === colorScheme ? 600 : undefined}
          >
            {label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
