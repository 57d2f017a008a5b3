import { BarChart, BarsList } from '@mantine/charts'
import {
  Button,
  DataList,
  EmptyState,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { IconPlus } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useId } from 'react'
import type { BudgetRange, CatalogStats, PersonCount, TermCount } from '../../../src-shared/stats.ts'
import { AnchorLink, ButtonLink } from '../../components/links.tsx'
import { formatBudget, formatCount, formatLongRunningTime, formatNumber } from '../../lib/format.ts'
import { statsQueries } from './stats.queries.ts'
import classes from './stats-page.module.css'

const compact = new Intl.NumberFormat(undefined, { notation: 'compact' })
const compactFigure = new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 2 })

/**
 * A bar's label and axis tick: whole below 1,000, two figures beyond ("2.7K", "18K"), so the labels of a dozen
 * neighbouring bars never run into each other; the exact figures are in the table each chart carries.
 */
const barLabel = (value: number) =>
  Math.abs(value) < 1_000 ? formatNumber(value) : compactFigure.format(value)

/** "Under 100K", "1M–10M", "100M or more": short enough for an axis, in the person's locale. */
export function budgetRangeLabel({ from, to }: Pick<BudgetRange, 'from' | 'to'>): string {
  if (to === null) return `${compact.format(from)} or more`
  if (from === 0) return `Under ${compact.format(to)}`
  return `${compact.format(from)}–${compact.format(to)}`
}

/** One figure with its name, read together by assistive technology. */
function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  const labelId = useId()
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-labelledby={labelId}>
      <Text fz="xs" tt="uppercase" fw={600} c="dimmed" id={labelId}>
        {label}
      </Text>
      <Text fz={28} fw={700} className={classes.number}>
        {value}
      </Text>
      {detail && (
        <Text fz="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  )
}

/** A titled card; `headingId` lets a table or list inside take the title as its name. */
function Card({
  title,
  headingId,
  note,
  children,
}: {
  title: string
  headingId: string
  note?: string | null
  children: ReactNode
}) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Title order={2} fz="h4" mb="sm" id={headingId}>
        {title}
      </Title>
      {children}
      {note && (
        <Text fz="xs" c="dimmed" mt="sm">
          {note}
        </Text>
      )}
    </Paper>
  )
}

interface FigureRow {
  key: string
  label: string
  value: number
}

/** The figures behind a chart, as a table for assistive technology and for reading them exactly. */
function FiguresTable({ caption, header, rows }: { caption: string; header: string; rows: FigureRow[] }) {
  return (
    <VisuallyHidden>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th>{header}</th>
            <th>Films</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{formatNumber(row.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </VisuallyHidden>
  )
}

/** Films per something as columns, each carrying its value, so nothing needs a pointer to be read. */
function ColumnChart({ caption, header, rows }: { caption: string; header: string; rows: FigureRow[] }) {
  return (
    <figure className={classes.figure}>
      <BarChart
        h={220}
        data={rows.map((row) => ({ label: row.label, value: row.value }))}
        dataKey="label"
        series={[{ name: 'value', label: 'Films', color: 'indigo.6' }]}
        withBarValueLabel
        withTooltip={false}
        accessibilityLayer={false}
        gridAxis="y"
        tickLine="none"
        yAxisProps={{ allowDecimals: false }}
        valueFormatter={barLabel}
        aria-hidden
      />
      <FiguresTable caption={caption} header={header} rows={rows} />
    </figure>
  )
}

/** Films per genre or country as labelled bars, longest first. */
function TermBars({
  terms,
  caption,
  header,
  empty,
}: {
  terms: TermCount[]
  caption: string
  header: string
  empty: string
}) {
  if (terms.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {empty}
      </Text>
    )
  }
  return (
    <>
      <BarsList
        aria-hidden
        data={terms.map((term) => ({ name: term.name, value: term.count }))}
        valueFormatter={(value) => formatNumber(value)}
        barsLabel={header}
        valueLabel="Films"
        barHeight={26}
        // A long name runs past its short bar rather than wrapping out of it.
        styles={{ barLabel: { whiteSpace: 'nowrap', overflow: 'visible' } }}
      />
      <FiguresTable
        caption={caption}
        header={header}
        rows={terms.map((term) => ({ key: String(term.id), label: term.name, value: term.count }))}
      />
    </>
  )
}

function Ranking({ people, label, empty }: { people: PersonCount[]; label: string; empty: string }) {
  if (people.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        {empty}
      </Text>
    )
  }
  return (
    <ol className={classes.ranking} aria-label={label}>
      {people.map((person) => (
        <li key={person.id}>
          <AnchorLink
            to="/people/$personId"
            params={{ personId: String(person.id) }}
            fz="sm"
            fw={500}
            className={classes.rankName}
          >
            {person.fullName}
          </AnchorLink>
          <Text fz="sm" c="dimmed" className={classes.number}>
            {formatCount(person.count, 'film')}
          </Text>
        </li>
      ))}
    </ol>
  )
}

function Budgets({ budget }: { budget: CatalogStats['budget'] }) {
  if (budget.movies === 0) {
    return (
      <Text fz="sm" c="dimmed">
        No film has a budget yet.
      </Text>
    )
  }
  return (
    <Stack gap="sm">
      <ColumnChart
        caption="Films per budget"
        header="Budget"
        rows={budget.ranges.map((range) => ({
          key: String(range.from),
          label: budgetRangeLabel(range),
          value: range.count,
        }))}
      />
      <DataList orientation="horizontal" labelWidth={100} gap={4}>
        {(
          [
            ['Smallest', budget.smallest],
            ['Median', budget.median],
            ['Largest', budget.largest],
          ] as const
        ).map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue className={classes.number}>
              {value === null ? '—' : formatBudget(value)}
            </DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Stack>
  )
}

function StatsView({ stats }: { stats: CatalogStats }) {
  const ids = {
    decades: useId(),
    genres: useId(),
    countries: useId(),
    budget: useId(),
    directors: useId(),
    actors: useId(),
    favorites: useId(),
  }
  const runningTime = stats.runningTime
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Figure label="Films" value={formatNumber(stats.movies)} />
        <Figure label="People" value={formatNumber(stats.people)} />
        <Figure label="Characters" value={formatNumber(stats.characters)} />
        <Figure
          label="Running time"
          value={formatLongRunningTime(runningTime.totalSeconds)}
          detail={
            runningTime.movies === stats.movies
              ? 'of film, from start to end'
              : `of film, in the ${formatCount(runningTime.movies, 'film')} whose length is known`
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card
          title="Films per decade"
          headingId={ids.decades}
          note={
            stats.moviesWithoutReleaseDate > 0
              ? `${formatCount(stats.moviesWithoutReleaseDate, 'film')} without a known release date.`
              : null
          }
        >
          {stats.decades.length === 0 ? (
            <Text fz="sm" c="dimmed">
              No film has a release date yet.
            </Text>
          ) : (
            <ColumnChart
              caption="Films per decade"
              header="Decade"
              rows={stats.decades.map(({ decade, count }) => ({
                key: String(decade),
                label: `${decade}s`,
                value: count,
              }))}
            />
          )}
        </Card>
        <Card
          title="Budgets"
          headingId={ids.budget}
          note={
            stats.budget.movies > 0
              ? `As recorded, without a currency; known for ${formatCount(stats.budget.movies, 'film')}.`
              : null
          }
        >
          <Budgets budget={stats.budget} />
        </Card>
        <Card title="Films per genre" headingId={ids.genres}>
          <TermBars
            terms={stats.genres}
            caption="Films per genre"
            header="Genre"
            empty="No film has a genre yet."
          />
        </Card>
        <Card
          title="Films per country"
          headingId={ids.countries}
          note={
            stats.moviesWithoutCountry > 0
              ? `The 15 countries with the most films. ${formatCount(stats.moviesWithoutCountry, 'film')} without a country.`
              : 'The 15 countries with the most films.'
          }
        >
          <TermBars
            terms={stats.countries}
            caption="Films per country"
            header="Country"
            empty="No film has a country yet."
          />
        </Card>
        <Card title="Most frequent directors" headingId={ids.directors}>
          <Ranking
            people={stats.directors}
            label="Most frequent directors"
            empty="No film has a director yet."
          />
        </Card>
        <Card title="Most frequent actors" headingId={ids.actors}>
          <Ranking
            people={stats.actors}
            label="Most frequent actors"
            empty="No character has an actor yet."
          />
        </Card>
        <Card
          title="Your favorites by genre"
          headingId={ids.favorites}
          note={stats.favorites ? `${formatCount(stats.favorites.total, 'favorite')} in all.` : null}
        >
          {stats.favorites && stats.favorites.total > 0 ? (
            <TermBars
              terms={stats.favorites.genres}
              caption="Your favorites by genre"
              header="Genre"
              empty="None of your favorites has a genre."
            />
          ) : (
            <Text fz="sm" c="dimmed">
              No favorites yet: the heart on a film keeps it among yours.
            </Text>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  )
}

/** /statistics: the collection at a glance, counted by main whatever its size. */
export function StatsPage(): React.JSX.Element {
  useDocumentTitle('Statistics — Film Catalogue')
  const stats = useQuery(statsQueries.summary())
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Title order={1} fz="h2">
        Statistics
      </Title>
      {stats.isPending && <Loader aria-label="Counting the catalogue" m="xl" />}
      {stats.isError && (
        <EmptyState
          py={56}
          color="red"
          title="The statistics could not be counted"
          description={stats.error.message}
        >
          <Button variant="light" color="red" onClick={() => void stats.refetch()}>
            Try again
          </Button>
        </EmptyState>
      )}
      {stats.data && stats.data.movies === 0 && (
        <EmptyState
          py={56}
          title="Nothing to count yet"
          description="Add films, and their figures appear here."
        >
          <ButtonLink to="/movies/new" variant="light" leftSection={<IconPlus size={16} stroke={2} />}>
            Add a movie
          </ButtonLink>
        </EmptyState>
      )}
      {stats.data && stats.data.movies > 0 && <StatsView stats={stats.data} />}
    </Stack>
  )
}
