import { type MantineColorScheme, useMantineColorScheme, VisuallyHidden } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { Spotlight, useSpotlight } from '@mantine/spotlight'
import type { Icon } from '@tabler/icons-react'
import {
  IconDeviceDesktop,
  IconKeyboard,
  IconLogout,
  IconMask,
  IconMoon,
  IconMovie,
  IconSearch,
  IconSun,
  IconSwitchHorizontal,
  IconUser,
  IconUserCircle,
} from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useEffect, useId, useState } from 'react'
import type { SearchResults } from '../../src-shared/search.ts'
import { useSignOut } from '../features/profiles/profiles.mutations.ts'
import { profileQueries } from '../features/profiles/profiles.queries.ts'
import { searchQueries } from '../features/search/index.ts'
import { isMacPlatform, shortcutKeys } from '../lib/shortcut-keys.ts'
import classes from './command-palette.module.css'
import { NAVIGATION, PALETTE_ACTIONS } from './navigation.ts'
import { paletteStore } from './palette-store.ts'
import { PALETTE_SHORTCUT } from './shortcuts.ts'
import { Keys } from './shortcuts-help.tsx'

/** One line of the palette: a search result or a command. */
interface PaletteItem {
  id: string
  label: string
  description?: string | null
  icon: Icon
  /** Extra words a command is found by. */
  keywords?: readonly string[]
  shortcut?: string
  run(): void
}

interface PaletteGroup {
  label: string
  items: PaletteItem[]
}

/** Folds case and accents, so "amel" finds "Amélie" here as main's search does. */
const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase()

/** Every typed word starts a word of the command's label or keywords. */
function commandMatches(item: PaletteItem, query: string): boolean {
  const words = fold([item.label, ...(item.keywords ?? [])].join(' ')).split(/[^\p{L}\p{N}]+/u)
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((typed) => words.some((word) => word.startsWith(typed)))
}

const THEMES: { value: MantineColorScheme; label: string; icon: Icon }[] = [
  { value: 'light', label: 'Light theme', icon: IconSun },
  { value: 'dark', label: 'Dark theme', icon: IconMoon },
  { value: 'auto', label: 'Theme of the system', icon: IconDeviceDesktop },
]

/** The commands, grouped: the features' actions and sections, the theme, the profile, help. */
function useCommands(openHelp: () => void): PaletteGroup[] {
  const navigate = useNavigate()
  const { colorScheme, setColorScheme } = useMantineColorScheme()
  const profiles = useQuery(profileQueries.all())
  const signOut = useSignOut()
  const profile: PaletteItem[] = [
    {
      id: 'profile',
      label: 'Your profile',
      icon: IconUserCircle,
      keywords: ['account', 'password', 'picture'],
      run: () => void navigate({ to: '/profile' }),
    },
  ]
  if ((profiles.data?.length ?? 0) > 1) {
    profile.push({
      id: 'switch-profile',
      label: 'Switch profile',
      description: 'Sign out, then choose another profile',
      icon: IconSwitchHorizontal,
      keywords: ['user', 'account'],
      run: () => signOut.mutate(),
    })
  }
  profile.push({
    id: 'sign-out',
    label: 'Sign out',
    icon: IconLogout,
    keywords: ['log out', 'leave'],
    run: () => signOut.mutate(),
  })
  return [
    {
      label: 'Actions',
      items: PALETTE_ACTIONS.map((action) => ({
        id: action.id,
        label: action.label,
        description: action.description,
        icon: action.icon,
        keywords: action.keywords,
        shortcut: action.shortcut,
        run: () => void navigate({ to: action.to }),
      })),
    },
    {
      label: 'Go to',
      items: NAVIGATION.map((entry) => ({
        id: `go-${entry.label}`,
        label: `Go to ${entry.label.toLowerCase()}`,
        icon: entry.icon,
        keywords: ['page', 'open', 'section'],
        shortcut: entry.shortcut,
        run: () => void navigate({ to: entry.to }),
      })),
    },
    {
      label: 'Theme',
      items: THEMES.filter((theme) => theme.value !== colorScheme).map((theme) => ({
        id: `theme-${theme.value}`,
        label: `Switch to the ${theme.label.toLowerCase()}`,
        icon: theme.icon,
        keywords: ['colour', 'color', 'scheme', 'appearance', 'mode'],
        run: () => setColorScheme(theme.value),
      })),
    },
    { label: 'Profile', items: profile },
    {
      label: 'Help',
      items: [
        {
          id: 'shortcuts',
          label: 'Keyboard shortcuts',
          icon: IconKeyboard,
          keywords: ['keys', 'help'],
          shortcut: 'shift+?',
          run: openHelp,
        },
      ],
    },
  ]
}

/** Movies, people and characters from main's search (accents and case folded, words by their start). */
function useSearchGroups(query: string): { groups: PaletteGroup[]; searching: boolean } {
  const navigate = useNavigate()
  const typed = query.trim()
  const [text] = useDebouncedValue(typed, 120)
  const results = useQuery(searchQueries.all(text))
  // While the next answer comes, the last one stays in view only if what is typed now extends what it
  // answered (more letters only narrow it): a stale list that no longer fits would open the wrong thing.
  const [answered, setAnswered] = useState<{ text: string; data: SearchResults } | null>(null)
  if (results.data && answered?.data !== results.data) setAnswered({ text, data: results.data })
  const searching = results.isFetching || text !== typed
  if (!typed || !answered || !fold(typed).startsWith(fold(answered.text))) return { groups: [], searching }
  const { movies, people, characters } = answered.data
  return {
    searching,
    groups: [
      {
        label: 'Movies',
        items: movies.map((hit) => ({
          id: `movie-${hit.id}`,
          label: hit.label,
          description: hit.detail,
          icon: IconMovie,
          run: () => void navigate({ to: '/movies/$movieId', params: { movieId: String(hit.id) } }),
        })),
      },
      {
        label: 'People',
        items: people.map((hit) => ({
          id: `person-${hit.id}`,
          label: hit.label,
          description: hit.detail,
          icon: IconUser,
          run: () => void navigate({ to: '/people/$personId', params: { personId: String(hit.id) } }),
        })),
      },
      {
        label: 'Characters',
        items: characters.map((hit) => ({
          id: `character-${hit.id}`,
          label: hit.label,
          description: hit.detail,
          icon: IconMask,
          run: () =>
            hit.movieId === null
              ? undefined
              : void navigate({ to: '/movies/$movieId', params: { movieId: String(hit.movieId) } }),
        })),
      },
    ],
  }
}

/** The line chosen among `count`: Spotlight's choice while it is on screen, else the first while typing. */
function choiceAmong(count: number, selected: number, typed: boolean): number {
  if (count === 0) return -1
  if (selected >= 0 && selected < count) return selected
  return typed ? 0 : -1
}

/**
 * Ctrl/Cmd+K (or /) from anywhere: search films, people and characters as you type, and run any command —
 * add a film or a person, go to a section, switch the theme or the profile, sign out. Arrow keys choose,
 * Enter runs, Esc closes; each command shows its own shortcut.
 */
export function CommandPalette({ openHelp }: { openHelp: () => void }) {
  const [query, setQuery] = useState('')
  const listId = useId()
  const optionId = useId()
  const { selected, opened } = useSpotlight(paletteStore)
  const isMac = isMacPlatform()
  const search = useSearchGroups(query)
  const commands = useCommands(openHelp)
    .map((group) => ({
      ...group,
      items: group.items.filter((item) => !query.trim() || commandMatches(item, query)),
    }))
    .filter((group) => group.items.length > 0)
  const groups = [...search.groups.filter((group) => group.items.length > 0), ...commands]
  const items = groups.flatMap((group) => group.items)
  const indexOf = new Map(items.map((item, index) => [item.id, index]))
  // Results arrive after the typing, and Spotlight only chooses a line when the text changes: the choice
  // shown is worked out here from what is on screen — the first line while something is typed, so Enter
  // opens what the list shows first — and the store follows it.
  const typed = query.trim() !== ''
  const chosen = choiceAmong(items.length, selected, typed)
  const active = chosen >= 0 ? `${optionId}-${chosen}` : undefined
  useEffect(() => {
    if (chosen !== paletteStore.getState().selected) {
      paletteStore.setState({ ...paletteStore.getState(), selected: chosen })
    }
  }, [chosen])

  return (
    <Spotlight.Root
      store={paletteStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={PALETTE_SHORTCUT}
      // The palette opens from a text field too: that is where people are when they want it.
      tagsToIgnore={[]}
      scrollable
      maxHeight={440}
      title="Command palette"
      classNames={{ header: classes.hiddenHeader, action: classes.action }}
    >
      <Spotlight.Search
        placeholder="Search films, people, characters, or type a command"
        leftSection={<IconSearch size={18} stroke={1.7} />}
        aria-label="Search or type a command"
        role="combobox"
        aria-expanded={opened}
        aria-controls={items.length > 0 ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={active}
      />
      {items.length > 0 && (
        <Spotlight.ActionsList id={listId} role="listbox" aria-label="Results and commands">
          {groups.map((group) => (
            <Spotlight.ActionsGroup
              key={group.label}
              label={group.label}
              role="group"
              aria-label={group.label}
            >
              {group.items.map((item) => {
                const index = indexOf.get(item.id) ?? -1
                const ItemIcon = item.icon
                return (
                  <Spotlight.Action
                    key={item.id}
                    // Spotlight.Action drops an \`id\` prop; the search box's active descendant needs one.
                    ref={(element) => element?.setAttribute('id', `${optionId}-${index}`)}
                    role="option"
                    aria-selected={index === chosen}
                    // Spotlight runs the line marked selected on Enter; the mark follows the choice above.
                    data-selected={index === chosen || undefined}
                    label={item.label}
                    description={item.description ?? undefined}
                    leftSection={<ItemIcon size={20} stroke={1.6} aria-hidden />}
                    rightSection={
                      item.shortcut ? (
                        <>
                          <VisuallyHidden>Shortcut:</VisuallyHidden>
                          <Keys keys={shortcutKeys(item.shortcut, isMac)} />
                        </>
                      ) : undefined
                    }
                    onClick={item.run}
                  />
                )
              })}
            </Spotlight.ActionsGroup>
          ))}
        </Spotlight.ActionsList>
      )}
      {items.length === 0 && (
        <Spotlight.Empty role="status">
          {search.searching ? 'Searching…' : 'Nothing found: try fewer letters.'}
        </Spotlight.Empty>
      )}
    </Spotlight.Root>
  )
}
