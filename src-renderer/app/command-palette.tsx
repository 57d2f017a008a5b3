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
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useEffect, useId, useState } from 'react'
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
  const [text] = useDebouncedValue(query.trim(), 120)
  const results = useQuery({ ...searchQueries.all(text), placeholderData: keepPreviousData })
  if (!query.trim() || !results.data) return { groups: [], searching: results.isFetching }
  const { movies, people, characters } = results.data
  return {
    searching: results.isFetching,
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
  const active = selected >= 0 && selected < items.length ? `${optionId}-${selected}` : undefined

  // Results arrive after the typing: the choice follows them, on the first one while something is typed,
  // so Enter opens what the list shows first. (Spotlight only chooses when the text changes.)
  const itemIds = items.map((item) => item.id).join('\n')
  const typed = query.trim() !== ''
  useEffect(() => {
    const count = itemIds === '' ? 0 : itemIds.split('\n').length
    const state = paletteStore.getState()
    const wanted =
      count === 0
        ? -1
        : typed
          ? Math.min(Math.max(state.selected, 0), count - 1)
          : state.selected < count
            ? state.selected
            : -1
    if (wanted !== state.selected) paletteStore.setState({ ...state, selected: wanted })
  }, [itemIds, typed])

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
                    aria-selected={index === selected}
                    // Spotlight runs the action marked selected on Enter; the mark follows the choice above.
                    data-selected={index === selected || undefined}
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
