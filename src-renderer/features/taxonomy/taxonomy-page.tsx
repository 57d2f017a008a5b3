import { SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import type { CountryUsage, GenreUsage, TermWithCount } from '../../../src-shared/taxonomy.ts'
import { AnchorLink } from '../../components/links.tsx'
import { formatCount } from '../../lib/format.ts'
import {
  useCreateCountry,
  useCreateGenre,
  useDeleteCountry,
  useDeleteGenre,
  useRenameCountry,
  useRenameGenre,
} from './taxonomy.mutations.ts'
import { type taxonomyKeys, taxonomyQueries } from './taxonomy.queries.ts'
import { type TermKind, TermList } from './term-list.tsx'

const linkProps = { fz: 'sm', fw: 500, lineClamp: 1 } as const

const GENRES: TermKind<GenreUsage, typeof taxonomyKeys.genres, ReturnType<typeof taxonomyKeys.genreUsage>> = {
  singular: 'genre',
  title: 'Genres',
  list: taxonomyQueries.genres,
  usage: taxonomyQueries.genreUsage,
  describeUsage: ({ movieCount }) =>
    movieCount > 0
      ? `${formatCount(movieCount, 'film')} ${movieCount === 1 ? 'loses' : 'lose'} this genre`
      : null,
  useCreate: useCreateGenre,
  useRename: useRenameGenre,
  useDelete: useDeleteGenre,
  link: (genre: TermWithCount) => (
    <AnchorLink to="/movies" search={{ genres: [genre.id] }} {...linkProps}>
      {genre.name}
    </AnchorLink>
  ),
}

const COUNTRIES: TermKind<
  CountryUsage,
  typeof taxonomyKeys.countries,
  ReturnType<typeof taxonomyKeys.countryUsage>
> = {
  singular: 'country',
  title: 'Countries',
  list: taxonomyQueries.countries,
  usage: taxonomyQueries.countryUsage,
  describeUsage: ({ movieCount, personCount }) => {
    const who = [
      movieCount > 0 ? formatCount(movieCount, 'film') : null,
      personCount > 0 ? formatCount(personCount, 'person', 'people') : null,
    ].filter((part): part is string => part !== null)
    if (who.length === 0) return null
    const one = movieCount + personCount === 1
    return `${who.join(' and ')} ${one ? 'loses' : 'lose'} this country`
  },
  useCreate: useCreateCountry,
  useRename: useRenameCountry,
  useDelete: useDeleteCountry,
  link: (country: TermWithCount) => (
    <AnchorLink to="/movies" search={{ country: country.id }} {...linkProps}>
      {country.name}
    </AnchorLink>
  ),
}

/** /genres-and-countries: both lists, with what uses each; a name opens the films that have it. */
export function TaxonomyPage(): React.JSX.Element {
  useDocumentTitle('Genres and countries — Film Catalogue')
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <div>
        <Title order={1} fz="h2">
          Genres and countries
        </Title>
        <Text c="dimmed" fz="sm">
          Choose a name to see its films.
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <TermList kind={GENRES} />
        <TermList kind={COUNTRIES} />
      </SimpleGrid>
    </Stack>
  )
}
