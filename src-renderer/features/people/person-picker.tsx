import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import type { PersonRef } from '../../../src-shared/movies.ts'
import { useCreatePerson } from './people.mutations.ts'
import { personQueries } from './people.queries.ts'
import { splitFullName } from './person-name.ts'

// The option that adds the typed name as a new person; no real person has id 0.
const CREATE = 0
const SHOWN = 20

export interface PersonPickerProps {
  label: string
  value: PersonRef | null
  onChange(person: PersonRef | null): void
  error?: string | null | undefined
  placeholder?: string
  description?: string
}

/**
 * Chooses one person among everyone in the catalogue by typing part of their name (accents and case do not
 * matter), or adds the typed name as a new person without leaving the form.
 */
export function PersonPicker({ label, value, onChange, error, placeholder, description }: PersonPickerProps) {
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search.trim(), 150)
  const typing = search.trim() !== '' && search !== value?.fullName
  const people = useQuery({
    ...personQueries.list({ text: typing ? debounced : undefined, limit: SHOWN }),
    placeholderData: keepPreviousData,
  })
  const createPerson = useCreatePerson()
  const queryClient = useQueryClient()

  const found = (people.data?.items ?? []).map((person) => ({
    value: person.id,
    label: person.fullName,
  }))
  const options = [...found]
  // While a new name is typed, the list shows only what it finds, so its first line is an answer to it.
  if (value && !typing && !options.some((option) => option.value === value.id)) {
    options.unshift({ value: value.id, label: value.fullName })
  }
  const typed = search.trim()
  const exactly = found.some(
    (option) => option.label.localeCompare(typed, undefined, { sensitivity: 'base' }) === 0,
  )
  if (typing && typed && !exactly) options.push({ value: CREATE, label: `Add “${typed}” as a new person` })

  // The list answers what is typed now (not an earlier prefix still on screen while main is asked).
  const upToDate = debounced === typed && !people.isFetching && !people.isPlaceholderData
  // Held here so a choice made by Enter closes the list, as a choice made in it does: the next Enter is the form's.
  const [listOpen, setListOpen] = useState(false)

  // While the person typed is still being found or added, the form cannot have them. Its save (Enter in any
  // field, or its button) waits for them instead of going without them, and is made once they are in it.
  const inputRef = useRef<HTMLInputElement>(null)
  const finding = useRef(false)
  const [busy, setBusy] = useState(false)
  const saveWhenChosen = useRef(false)
  const setFinding = (now: boolean) => {
    finding.current = now
    setBusy(now)
  }
  useEffect(() => {
    const form = inputRef.current?.form
    if (!form) return
    const holdSave = (event: SubmitEvent) => {
      if (!finding.current) return
      // Before the event bubbles to React's root, where the form's own submit handler would read it.
      event.preventDefault()
      event.stopPropagation()
      saveWhenChosen.current = true
    }
    form.addEventListener('submit', holdSave)
    return () => form.removeEventListener('submit', holdSave)
  }, [])

  const picked = (person: PersonRef) => {
    setFinding(false)
    onChange(person)
    if (!saveWhenChosen.current) return
    saveWhenChosen.current = false
    // After the form has rendered with the person: its submit handler reads the values of that render.
    setTimeout(() => inputRef.current?.form?.requestSubmit())
  }
  const notFound = (title: string, failure: Error) => {
    // Nobody to save the form with: it stays open with what was typed.
    setFinding(false)
    saveWhenChosen.current = false
    notifications.show({ color: 'red', title, message: failure.message })
  }
  const addPerson = (name: string) => {
    setFinding(true)
    createPerson.mutate(splitFullName(name), {
      onSuccess: (person) => {
        setSearch(person.fullName)
        picked({
          id: person.id,
          firstName: person.firstName,
          lastName: person.lastName,
          fullName: person.fullName,
          photoUrl: person.photo?.url ?? null,
        })
      },
      onError: (failure) => notFound('The person was not added', failure),
    })
  }
  // The first line of the list that answers `name`: the best match, or adding the name as a new person.
  const takeFirstLineFor = (name: string) => {
    setFinding(true)
    queryClient.fetchQuery(personQueries.list({ text: name, limit: SHOWN })).then(
      (answer) => {
        const best = answer.items[0]
        if (best) picked(best)
        else addPerson(name)
      },
      (failure: Error) => notFound('The person was not found', failure),
    )
  }

  const choose = (id: number | null) => {
    if (id === null) return onChange(null)
    if (id === CREATE) return addPerson(typed)
    const person = people.data?.items.find((item) => item.id === id)
    if (person) picked(person)
  }
  return (
    <Select<number>
      ref={inputRef}
      label={label}
      description={description}
      placeholder={placeholder ?? 'Type a name'}
      data={options}
      value={value?.id ?? null}
      onChange={choose}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // Main searched already (accents and case folded); the options are the answer as it is.
      filter={({ options: all }) => all}
      clearable
      error={error}
      nothingFoundMessage={people.isFetching ? 'Searching…' : 'Nobody in the catalogue has this name'}
      // Read-only, not disabled, while the new person is added: a disabled field would lose the keyboard's focus.
      readOnly={busy}
      // In the capture phase, before Mantine's own handler: Enter is decided here alone, from what the list shows.
      // Mantine's handler reads an index of its own that a re-render can reset while the line stays highlighted;
      // its Enter then took nothing and fell through to the form, which saved without the person.
      onKeyDownCapture={(event) => {
        if (event.key !== 'Enter' || event.nativeEvent.isComposing) return
        if (finding.current) {
          // Until the person typed is found or added, the form cannot have them: its Enter waits for them.
          event.preventDefault()
          event.stopPropagation()
          saveWhenChosen.current = true
          return
        }
        // The highlighted line is the one the person sees and means.
        const line = highlightedLine(event.currentTarget)
        const highlighted = line === undefined ? undefined : options[line]
        // A name chosen already, and no other line highlighted: the Enter is the form's.
        if (!highlighted && !typing) return
        event.preventDefault()
        event.stopPropagation()
        setListOpen(false)
        if (highlighted) choose(highlighted.value)
        // Else the list's first line (the best match, or adding the name as a new person), as the command palette
        // does. Asked anew if the list shown has not caught up with what was typed: a Tab away at once keeps it.
        else if (upToDate && options[0]) choose(options[0].value)
        else takeFirstLineFor(typed)
      }}
      maxDropdownHeight={280}
      dropdownOpened={listOpen}
      onDropdownOpen={() => setListOpen(true)}
      onDropdownClose={() => setListOpen(false)}
    />
  )
}

/** Which line of the field's open list is highlighted by the keyboard, if any (the list Mantine renders). */
function highlightedLine(input: HTMLInputElement): number | undefined {
  const listId = input.getAttribute('aria-controls')
  const list = listId ? input.ownerDocument.getElementById(listId) : null
  if (!list) return undefined
  const at = [...list.querySelectorAll('[data-combobox-option]')].findIndex((line) =>
    line.hasAttribute('data-combobox-selected'),
  )
  return at >= 0 ? at : undefined
}
