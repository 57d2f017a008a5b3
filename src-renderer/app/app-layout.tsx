import { AppShell, Burger, Group, NavLink, Text, ThemeIcon } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { MoviesPage } from '../features/movies/movies-page.tsx'
import classes from './app-layout.module.css'
import { FilmIcon } from './film-icon.tsx'

/** The window's frame: header, navigation and the current screen. */
export function AppLayout() {
  const [navbarOpen, { toggle: toggleNavbar, close: closeNavbar }] = useDisclosure(false)

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navbarOpen } }}
      padding="xl"
    >
      <AppShell.Header>
        <Group h="100%" px="lg" gap="sm">
          <Burger
            opened={navbarOpen}
            onClick={toggleNavbar}
            hiddenFrom="sm"
            size="sm"
            aria-label="Toggle navigation"
            aria-expanded={navbarOpen}
            aria-controls="app-navigation"
          />
          <ThemeIcon size={34} radius="md" variant="gradient" gradient={{ from: 'indigo.7', to: 'violet.5' }}>
            <FilmIcon />
          </ThemeIcon>
          <Text fw={700} fz="lg">
            Film Catalogue
          </Text>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Sections" id="app-navigation">
        <NavLink
          component="button"
          type="button"
          label="Movies"
          leftSection={<FilmIcon size={18} />}
          active
          variant="light"
          aria-current="page"
          // On a narrow window the navigation covers the screen: choosing a section closes it.
          onClick={closeNavbar}
        />
      </AppShell.Navbar>

      <AppShell.Main className={classes.main}>
        <MoviesPage />
      </AppShell.Main>
    </AppShell>
  )
}
