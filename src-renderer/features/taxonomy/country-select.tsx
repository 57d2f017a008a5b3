import { Select } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { taxonomyQueries } from './taxonomy.queries.ts'

/** Chooses one country from the catalogue's list, by typing part of its name. */
export function CountrySelect({
  label,
  value,
  onChange,
  error,
}: {
  label: string
  value: number | null
  onChange: (countryId: number | null) => void
  error?: string | null | undefined
}) {
  const countries = useQuery(taxonomyQueries.countries())
  return (
    <Select<number>
      label={label}
      placeholder="Not known"
      data={(countries.data ?? []).map((country) => ({ value: country.id, label: country.name }))}
      value={value}
      onChange={onChange}
      searchable
      clearable
      error={error}
      nothingFoundMessage="No country has this name"
      maxDropdownHeight={260}
    />
  )
}
