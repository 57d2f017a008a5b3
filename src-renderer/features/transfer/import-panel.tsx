import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useState } from 'react'
import { formatDuration } from '../../../src-shared/duration.ts'
import type { ImportPreview } from '../../../src-shared/transfer.ts'
import { formatNumber } from '../../lib/format.ts'
import { TaskProgress, useTask } from './task-progress.tsx'
import { useImport, usePreviewImport } from './transfer.mutations.ts'

function PreviewReport({ preview }: { preview: ImportPreview }) {
  return (
    <Stack gap="sm">
      <Text>
        <strong>{preview.formatLabel}</strong> — {formatNumber(preview.rows)} rows read ({preview.encoding},
        separated by {preview.separator === 'tab' ? 'tabs' : `“${preview.separator}”`}).
      </Text>
      <List size="sm" spacing={2}>
        <List.Item>{formatNumber(preview.newMovies)} new films</List.Item>
        <List.Item>
          {formatNumber(preview.duplicates.total)} look like films already in the catalogue
        </List.Item>
        <List.Item>{formatNumber(preview.problems.total)} rows cannot be read</List.Item>
        {preview.skipped.map((skip) => (
          <List.Item key={skip.reason}>
            {formatNumber(skip.count)} left out: {skip.reason}
          </List.Item>
        ))}
        <List.Item>
          New: {formatNumber(preview.newPeople)} people, {preview.newGenres.length} genres,{' '}
          {preview.newCountries.length} countries
        </List.Item>
        {preview.unknownColumns.length > 0 && (
          <List.Item>Columns not used: {preview.unknownColumns.join(', ')}</List.Item>
        )}
      </List>
      <Title order={3} size="h5">
        The first rows, as they will be stored
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th>Released</Table.Th>
              <Table.Th>Running time</Table.Th>
              <Table.Th>Director</Table.Th>
              <Table.Th>Genres</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.sample.map((row) => (
              <Table.Tr key={row.line}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>{row.title}</Table.Td>
                <Table.Td>{row.releaseDate ?? '—'}</Table.Td>
                <Table.Td>
                  {row.durationSeconds === null ? '—' : formatDuration(row.durationSeconds)}
                </Table.Td>
                <Table.Td>{row.director ?? '—'}</Table.Td>
                <Table.Td>{row.genres.join(', ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {preview.problems.total > 0 && (
        <Alert color="orange" title="Rows that cannot be read">
          <List size="sm">
            {preview.problems.items.slice(0, 50).map((problem) => (
              <List.Item key={`${problem.line}-${problem.reason}`}>
                Line {problem.line}: {problem.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  )
}

/** Choose a file, see what it would add, choose what to do with duplicates and favorites, import. */
export function ImportPanel() {
  const [file, setFile] = useState<File | null>(null)
  const [duplicates, setDuplicates] = useState<'skip' | 'add'>('skip')
  const [favorite, setFavorite] = useState(false)
  const previewing = usePreviewImport()
  const importing = useImport()
  const previewTask = useTask(previewing.data?.taskId ?? null)
  const importTask = useTask(importing.data?.taskId ?? null)
  const preview = previewTask?.result?.kind === 'import-preview' ? previewTask.result.preview : null
  const summary = importTask?.result?.kind === 'import' ? importTask.result.summary : null
  const error = previewTask?.error ?? importTask?.error ?? null

  return (
    <Stack gap="md" maw={900}>
      <Text size="sm" c="dimmed">
        A CSV with a header row — the catalogue’s own, an IMDb list or ratings export, a Letterboxd file — or
        a Letterboxd export zip. Nothing is written before you choose Import.
      </Text>
      <Group align="end">
        <FileInput
          label="File to import"
          placeholder="Choose a CSV or zip"
          accept=".csv,.tsv,.txt,.zip"
          value={file}
          onChange={(chosen) => {
            setFile(chosen)
            previewing.reset()
            importing.reset()
          }}
          w={320}
        />
        <Button
          disabled={!file}
          loading={previewing.isPending}
          onClick={() => file && previewing.mutate(file)}
        >
          Preview
        </Button>
      </Group>
      {previewing.error && <Alert color="red">{previewing.error.message}</Alert>}
      {error && <Alert color="red">{error.message}</Alert>}
      {previewTask?.state === 'running' && <TaskProgress task={previewTask} />}
      {preview && !summary && (
        <>
          <PreviewReport preview={preview} />
          {preview.duplicates.total > 0 && (
            <Stack gap={4}>
              <Text size="sm" fw={600} id="duplicates-label">
                Films that look like ones already there ({preview.duplicates.total})
              </Text>
              <SegmentedControl
                aria-labelledby="duplicates-label"
                value={duplicates}
                onChange={(value) => setDuplicates(value as 'skip' | 'add')}
                data={[
                  { value: 'skip', label: 'Skip them' },
                  { value: 'add', label: 'Add them too' },
                ]}
                w={280}
              />
            </Stack>
          )}
          <Checkbox
            label={
              preview.liked > 0
                ? `Add the ${preview.liked} liked films to my favorites`
                : 'Add every imported film to my favorites'
            }
            checked={favorite}
            onChange={(event) => setFavorite(event.currentTarget.checked)}
          />
          {importTask?.state === 'running' ? (
            <TaskProgress task={importTask} />
          ) : (
            <Group>
              <Button
                loading={importing.isPending}
                onClick={() =>
                  previewing.data &&
                  importing.mutate({
                    previewTaskId: previewing.data.taskId,
                    duplicates,
                    favorites: favorite ? (preview.liked > 0 ? 'liked' : 'all') : 'none',
                  })
                }
              >
                Import{' '}
                {formatNumber(
                  duplicates === 'skip' ? preview.newMovies : preview.newMovies + preview.duplicates.total,
                )}{' '}
                films
              </Button>
            </Group>
          )}
        </>
      )}
      {summary && (
        <Alert color="green" title="Imported">
          Added {formatNumber(summary.moviesAdded)} films, {summary.peopleAdded} people, {summary.genresAdded}{' '}
          genres and {summary.countriesAdded} countries; skipped {summary.duplicatesSkipped} already there.{' '}
          <Anchor component={Link} to="/movies">
            See the films
          </Anchor>
        </Alert>
      )}
    </Stack>
  )
}
