import {
  ActionIcon,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { IconPencil, IconTrash } from '@tabler/icons-react'
import {
  type FetchQueryOptions,
  type QueryKey,
  type UseMutationResult,
  type UseQueryOptions,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { useVirtualizer } from '@tanstack/react-virtual'
import { type ReactNode, useId, useRef, useState } from 'react'
import type { TermWithCount } from '../../../src-shared/taxonomy.ts'
import { SearchField } from '../../components/search-field.tsx'
import { placeSaveError } from '../../lib/form-errors.ts'
import { formatCount } from '../../lib/format.ts'
import classes from './term-list.module.css'

/** What differs between the genres list and the countries list; everything else is this component. */
export interface TermKind<Usage, ListKey extends QueryKey, UsageKey extends QueryKey> {
  /** "genre" */
  singular: string
  /** "Genres" */
  title: string
  list: () => UseQueryOptions<TermWithCount[], Error, TermWithCount[], ListKey>
  usage: (id: number) => FetchQueryOptions<Usage, Error, Usage, UsageKey>
  /** "12 films lose this genre", or null when nothing else changes. */
  describeUsage: (usage: Usage) => string | null
  useCreate: () => UseMutationResult<TermWithCount, Error, string>
  useRename: () => UseMutationResult<TermWithCount, Error, { id: number; name: string }>
  useDelete: () => UseMutationResult<Usage, Error, number>
  /** A link to the movie list filtered by the term. */
  link: (term: TermWithCount) => ReactNode
}

const SAME_NAME_HINT = 'Names that differ only in capitals or accents count as the same.'

const sentence = (text: string) => `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`

function NameForm({
  label,
  initial,
  submitLabel,
  pending,
  onSave,
  onCancel,
  autoFocus,
}: {
  label: string
  initial: string
  submitLabel: string
  pending: boolean
  /** Saves the name; calls `fail` with main's refusal to show beside the field. */
  onSave: (name: string, done: () => void, fail: (error: Error) => void) => void
  onCancel?: () => void
  autoFocus?: boolean
}) {
  const inputRef = useRef<HTMLInputElement>(null)
  const form = useForm({ mode: 'controlled', initialValues: { name: initial } })
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <form
      noValidate
      aria-label={label}
      onSubmit={form.onSubmit(({ name }) => {
        setProblem(null)
        onSave(
          name,
          () => {
            form.reset()
            inputRef.current?.focus()
          },
          (error) => {
            setProblem(placeSaveError(error, form.setErrors, { name: 'name' }))
            inputRef.current?.focus()
          },
        )
      })}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel) onCancel()
      }}
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          ref={inputRef}
          className={classes.nameField}
          aria-label={label}
          placeholder={label}
          autoComplete="off"
          data-autofocus={autoFocus || undefined}
          autoFocus={autoFocus}
          {...form.getInputProps('name')}
          error={form.errors.name ?? problem}
          description={form.errors.name ? SAME_NAME_HINT : undefined}
          inputWrapperOrder={['input', 'error', 'description']}
        />
        <Button type="submit" loading={pending} variant={onCancel ? 'filled' : 'light'}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </Group>
    </form>
  )
}

const ROW_HEIGHT = 42

function TermRow({
  term,
  link,
  onRename,
  onDelete,
}: {
  term: TermWithCount
  link: ReactNode
  onRename: () => void
  onDelete: () => void
}) {
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <div className={classes.name}>{link}</div>
      <Text fz="sm" c="dimmed" className={classes.count}>
        {formatCount(term.movieCount, 'film')}
      </Text>
      <Group gap={2} wrap="nowrap">
        <Tooltip label="Rename" openDelay={400}>
          <ActionIcon variant="subtle" color="gray" aria-label={`Rename ${term.name}`} onClick={onRename}>
            <IconPencil size={16} stroke={1.8} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Delete" openDelay={400}>
          <ActionIcon variant="subtle" color="red" aria-label={`Delete ${term.name}`} onClick={onDelete}>
            <IconTrash size={16} stroke={1.8} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  )
}

/**
 * One of the catalogue's named terms (genres or countries) with how many films use each: add, rename
 * (a name too close to another's is refused, in words), delete after saying what changes, and a link from
 * each to the films that have it.
 */
export function TermList<Usage, ListKey extends QueryKey, UsageKey extends QueryKey>({
  kind,
}: {
  kind: TermKind<Usage, ListKey, UsageKey>
}) {
  const headingId = useId()
  const queryClient = useQueryClient()
  const terms = useQuery(kind.list())
  const create = kind.useCreate()
  const rename = kind.useRename()
  const remove = kind.useDelete()
  const [filter, setFilter] = useState('')
  const [renamingId, setRenamingId] = useState<number | null>(null)
  const all = terms.data ?? []
  const needle = filter.trim().toLocaleLowerCase()
  const folded = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase()
  const shown = needle ? all.filter((term) => folded(term.name).includes(folded(needle))) : all
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => shown[index]?.id ?? index,
    overscan: 6,
  })

  const confirmDelete = async (term: TermWithCount) => {
    const usage = await queryClient.fetchQuery(kind.usage(term.id))
    const changes = kind.describeUsage(usage)
    modals.openConfirmModal({
      title: `Delete the ${kind.singular} “${term.name}”?`,
      children: (
        <Text fz="sm">
          {changes
            ? `${sentence(changes)}; nothing else is deleted.`
            : 'No film uses it, so nothing else changes.'}
        </Text>
      ),
      labels: { confirm: `Delete ${kind.singular}`, cancel: 'Keep it' },
      confirmProps: { color: 'red.9' },
      onConfirm: () =>
        remove.mutate(term.id, {
          onSuccess: () => notifications.show({ message: `“${term.name}” was deleted.` }),
          onError: (error) =>
            notifications.show({
              color: 'red',
              title: `The ${kind.singular} was not deleted`,
              message: error.message,
            }),
        }),
    })
  }

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={headingId}
      className={classes.card}
    >
      <Stack gap="sm" className={classes.cardBody}>
        <Group justify="space-between" align="baseline">
          <Title order={2} fz="h3" id={headingId}>
            {kind.title}
          </Title>
          <Text fz="sm" c="dimmed">
            {terms.data ? formatCount(all.length, kind.singular, kind.title.toLowerCase()) : '\u00a0'}
          </Text>
        </Group>
        <NameForm
          label={`New ${kind.singular}`}
          initial=""
          submitLabel={`Add ${kind.singular}`}
          pending={create.isPending}
          onSave={(name, done, fail) =>
            create.mutate(name, {
              onSuccess: (term) => {
                notifications.show({ color: 'teal', message: `“${term.name}” was added.` })
                done()
              },
              onError: fail,
            })
          }
        />
        <SearchField
          label={`Find a ${kind.singular}`}
          placeholder={`Find a ${kind.singular}`}
          value={filter}
          onChange={setFilter}
        />
        {terms.isPending && <Loader size="sm" aria-label={`Loading ${kind.title.toLowerCase()}`} />}
        {terms.isError && (
          <Text c="red" fz="sm" role="alert">
            {terms.error.message}
          </Text>
        )}
        {terms.data && shown.length === 0 && (
          <Text fz="sm" c="dimmed">
            {all.length === 0 ? `No ${kind.title.toLowerCase()} yet.` : `No ${kind.singular} has this name.`}
          </Text>
        )}
        {/* Every country of the world is a long list: only the rows in view exist; the find box reaches any. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (WCAG 2.1.1) */}
        <div ref={scrollRef} className={classes.scroller} tabIndex={0}>
          <ul className={classes.list} aria-label={kind.title} style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const term = shown[row.index]
              if (!term) return null
              return (
                <li
                  key={row.key}
                  ref={virtualizer.measureElement}
                  data-index={row.index}
                  aria-setsize={shown.length}
                  aria-posinset={row.index + 1}
                  className={classes.item}
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  {term.id === renamingId ? (
                    <NameForm
                      label={`New name for ${term.name}`}
                      initial={term.name}
                      submitLabel="Save"
                      pending={rename.isPending}
                      autoFocus
                      onCancel={() => setRenamingId(null)}
                      onSave={(name, _done, fail) =>
                        rename.mutate(
                          { id: term.id, name },
                          { onSuccess: () => setRenamingId(null), onError: fail },
                        )
                      }
                    />
                  ) : (
                    <TermRow
                      term={term}
                      link={kind.link(term)}
                      onRename={() => setRenamingId(term.id)}
                      onDelete={() => void confirmDelete(term)}
                    />
                  )}
                </li>
              )
            })}
          </ul>
        </div>
      </Stack>
    </Paper>
  )
}
