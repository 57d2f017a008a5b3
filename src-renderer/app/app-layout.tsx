import { AppShell, Burger, Group, NavLink, Text, UnstyledButton } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { Link, useRouterState } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { AppMark } from '../components/app-mark.tsx'
import { UserMenu } from '../features/profiles/index.ts'
import { TaskIndicator } from '../features/transfer/index.ts'
import { isMacPlatform, shortcutKeys } from '../lib/shortcut-keys.ts'
import classes from './app-layout.module.css'
import { ColorSchemeMenu } from './color-scheme-menu.tsx'
import { CommandPalette } from './command-palette.tsx'
import { NAVIGATION } from './navigation.ts'
import { palette } from './palette-store.ts'
import { PALETTE_SHORTCUT, useGlobalShortcuts } from './shortcuts.ts'
import { Keys, ShortcutsHelp } from './shortcuts-help.tsx'

/** The window's frame: header, navigation and the current screen. */
export function AppLayout({ children }: { children: ReactNode }) {
  const [navbarOpen, { toggle: toggleNavbar, close: closeNavbar }] = useDisclosure(false)
  const pathname = useRouterState({ select: (state) => state.location.pathname })
  const [helpOpen, { open: openHelp, close: closeHelp }] = useDisclosure(false)
  useGlobalShortcuts(openHelp)

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !navbarOpen } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navbarOpen}
              onClick={toggleNavbar}
              hiddenFrom="md"
              size="sm"
              aria-label="Toggle navigation"
              aria-expanded={navbarOpen}
              aria-controls="app-navigation"
            />
            <AppMark />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <UnstyledButton className={classes.paletteButton} onClick={palette.open}>
              <IconSearch size={16} stroke={1.8} aria-hidden />
              <Text span fz="sm" c="dimmed" className={classes.paletteLabel}>
                Search or run a command
              </Text>
              <Keys keys={shortcutKeys(PALETTE_SHORTCUT, isMacPlatform())} />
            </UnstyledButton>
            <TaskIndicator />
            <ColorSchemeMenu />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Sections" id="app-navigation">
        {NAVIGATION.map(({ to, label, icon: EntryIcon }) => {
          const active = pathname === to || pathname.startsWith(`${to}/`)
          return (
            <NavLink
              key={to}
              component={Link}
              to={to}
              label={label}
              leftSection={<EntryIcon size={18} stroke={1.7} />}
              active={active}
              variant="light"
              className={classes.navLink}
              aria-current={active ? 'page' : undefined}
              // On a narrow window the navigation covers the screen: choosing a section closes it.
              onClick={closeNavbar}
            />
          )
        })}
      </AppShell.Navbar>

      <AppShell.Main className={classes.main}>{children}</AppShell.Main>
      <CommandPalette openHelp={openHelp} />
      <ShortcutsHelp opened={helpOpen} onClose={closeHelp} />
    </AppShell>
  )
}
