import { Group, Text, ThemeIcon } from '@mantine/core'
import { IconMovie } from '@tabler/icons-react'

/** The app's mark and name, as the header and the sign-in screens show them. */
export function AppMark({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const large = size === 'lg'
  return (
    <Group gap="sm" wrap="nowrap">
      <ThemeIcon
        size={large ? 40 : 32}
        radius="md"
        variant="gradient"
        gradient={{ from: 'indigo.7', to: 'violet.5' }}
      >
        <IconMovie size={large ? 24 : 20} stroke={1.8} aria-hidden />
      </ThemeIcon>
      <Text fw={700} fz={large ? 'xl' : 'lg'}>
        Film Catalogue
      </Text>
    </Group>
  )
}
