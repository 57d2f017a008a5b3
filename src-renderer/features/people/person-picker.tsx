import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
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
  // Enter pressed on a typed name before the list caught up: taken as soon as it has.
  const [enterWaiting, setEnterWaiting] = useState(false)
  // Held here so a choice made by Enter closes the list, as a choice made in it does: the next Enter is the form's.
  const [listOpen, setListOpen] = useState(false)
  const takeFirstLine = () => {
    setListOpen(false)
    if (options[0]) choose(options[0].value)
  }
  useEffect(() => {
    if (!enterWaiting || !upToDate) return
    setEnterWaiting(false)
    if (typing) takeFirstLine()
  })

  // An Enter pressed while the person typed is still being found or added is the form's, once they are in it.
  const inputRef = useRef<HTMLInputElement>(null)
  const submitWhenChosen = useRef(false)
  const submitIfAsked = () => {
    if (!submitWhenChosen.current) return
    submitWhenChosen.current = false
    // After the form has rendered with the person: its submit handler reads the values of that render.
    setTimeout(() => inputRef.current?.form?.requestSubmit())
  }

  const choose = (id: number | null) => {
    if (id === null) return onChange(null)
    if (id !== CREATE) {
      const person = people.data?.items.find((item) => item.id === id)
      if (person) onChange({ ...person, photoUrl: person.photoUrl })
      submitIfAsked()
      return
    }
    createPerson.mutate(splitFullName(typed), {
      onSuccess: (person) => {
        onChange({
          id: person.id,
          firstName: person.firstName,
          lastName: person.lastName,
          fullName: person.fullName,
          photoUrl: person.photo?.url ?? null,
        })
        setSearch(person.fullName)
        submitIfAsked()
      },
      onError: (failure) => {
        // Nobody to save the form with: it stays open with what was typed.
        submitWhenChosen.current = false
        notifications.show({ color: 'red', title: 'The person was not added', message: failure.message })
      },
    })
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
      readOnly={createPerson.isPending}
      onKeyDown={(event) => {
        // Enter on a typed name with no line highlighted would reach the form and save it without the person
        // typed: it takes the list's first line instead (the best match, or adding the name as a new person),
        // as the command palette does. A highlighted line is Mantine's to take.
        if (event.key !== 'Enter' || event.nativeEvent.isComposing) return
        // Until the person typed is found or added, the form cannot have them: its Enter waits for them.
        if (createPerson.isPending || enterWaiting) {
          event.preventDefault()
          submitWhenChosen.current = true
          return
        }
        if (!typing) return
        if (event.currentTarget.getAttribute('aria-activedescendant')) return
        event.preventDefault()
        if (upToDate) takeFirstLine()
        else setEnterWaiting(true)
      }}
      maxDropdownHeight={280}
      dropdownOpened={listOpen}
      onDropdownOpen={() => setListOpen(true)}
      onDropdownClose={() => setListOpen(false)}
    />
  )
}
