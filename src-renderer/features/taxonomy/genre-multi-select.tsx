import { MultiSelect } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useCreateGenre } from './taxonomy.mutations.ts'
import { taxonomyQueries } from './taxonomy.queries.ts'

// The option that creates the typed name as a genre; no real genre has id 0.
const CREATE = 0

// "Film noir", "film-noir" and "Film Noir" are one name to a person choosing a genre.
const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0

/** Chooses any number of genres; typing a name that does not exist offers to create it on the spot. */
export function GenreMultiSelect({
  value,
  onChange,
  error,
}: {
  value: number[]
  onChange: (genreIds: number[]) => void
  error?: string | null | undefined
}) {
  const genres = useQuery(taxonomyQueries.genres())
  const createGenre = useCreateGenre()
  const [search, setSearch] = useState('')
  const typed = search.trim()
  const known = genres.data ?? []
  const options: { value: number; label: string }[] = known.map((genre) => ({
    value: genre.id,
    label: genre.name,
  }))
  if (typed && !known.some((genre) => sameName(genre.name, typed))) {
    options.push({ value: CREATE, label: `Create genre “${typed}”` })
  }

  const change = (ids: number[]) => {
    if (!ids.includes(CREATE)) return onChange(ids)
    const chosen = ids.filter((id) => id !== CREATE)
    createGenre.mutate(typed, {
      onSuccess: (genre) => {
        onChange([...chosen, genre.id])
        setSearch('')
      },
      onError: (failure) =>
        notifications.show({ color: 'red', title: 'The genre was not created', message: failure.message }),
    })
  }

  return (
    <MultiSelect<number>
      label="Genres"
      placeholder={value.length === 0 ? 'Choose or type to create' : undefined}
      data={options}
      value={value}
      onChange={change}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The "create" option always shows while it applies, whatever the typed text filters out.
      filter={({ options: all, search: text }) =>
        all.filter(
          (option) =>
            'value' in option &&
            (option.value === CREATE ||
              option.label.toLocaleLowerCase().includes(text.trim().toLocaleLowerCase())),
        )
      }
      hidePickedOptions
      clearable
      error={error}
      // Read-only, not disabled, while the new genre is created: a disabled field would lose the keyboard's focus.
      readOnly={createGenre.isPending}
      maxDropdownHeight={260}
      nothingFoundMessage="No genre has this name"
    />
  )
}
