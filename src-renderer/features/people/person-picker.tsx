import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
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
  if (value && !options.some((option) => option.value === value.id)) {
    options.unshift({ value: value.id, label: value.fullName })
  }
  const typed = search.trim()
  const exactly = found.some(
    (option) => option.label.localeCompare(typed, undefined, { sensitivity: 'base' }) === 0,
  )
  if (typing && typed && !exactly) options.push({ value: CREATE, label: `Add “${typed}” as a new person` })

  const choose = (id: number | null) => {
    if (id === null) return onChange(null)
    if (id !== CREATE) {
      const person = people.data?.items.find((item) => item.id === id)
      if (person) onChange({ ...person, photoUrl: person.photoUrl })
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
      },
      onError: (failure) =>
        notifications.show({ color: 'red', title: 'The person was not added', message: failure.message }),
    })
  }

  return (
    <Select<number>
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
      disabled={createPerson.isPending}
      maxDropdownHeight={280}
    />
  )
}
