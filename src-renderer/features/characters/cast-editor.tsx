import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { modals } from '@mantine/modals'
import { notifications } from '@mantine/notifications'
import { IconMask, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import {
  CharacterDraft,
  type CharacterDto,
  type CharacterRole,
  DEFAULT_CHARACTER_ROLE,
} from '../../../src-shared/characters.ts'
import type { PersonRef } from '../../../src-shared/movies.ts'
import { AnchorLink } from '../../components/links.tsx'
import { StoredImage } from '../../components/stored-image.tsx'
import { CHARACTER_ROLE_LABELS, CHARACTER_ROLE_OPTIONS } from '../../lib/character-roles.ts'
import { contractValidator, type FormReading } from '../../lib/contract-form.ts'
import { placeSaveError } from '../../lib/form-errors.ts'
import { PersonPicker } from '../people/index.ts'
import classes from './cast-editor.module.css'
import {
  type CharacterDraft as CharacterDraftInput,
  useAddCharacter,
  useRemoveCharacter,
  useUpdateCharacter,
} from './characters.mutations.ts'

interface CharacterFormValues {
  name: string
  role: CharacterRole
  actor: PersonRef | null
  description: string
}

// Where the contract's input paths show in this form.
const FIELD_BY_PATH = { name: 'name', role: 'role', actorId: 'actor', description: 'description' }

const toValues = (character: CharacterDto | null): CharacterFormValues => ({
  name: character?.name ?? '',
  role: character?.role ?? DEFAULT_CHARACTER_ROLE,
  actor: character?.actor ?? null,
  description: character?.description ?? '',
})

const readCharacterForm =
  (movieId: number) =>
  (values: CharacterFormValues): FormReading<CharacterDraftInput> => ({
    input: {
      movieId,
      name: values.name,
      role: values.role,
      actorId: values.actor?.id ?? null,
      description: values.description,
    },
    unreadable: {},
  })

/**
 * One character's fields, to add a new one or change one in place. Built for typing a whole cast: Tab goes
 * through name, role, actor and description, Enter saves from any of them (an open list of choices takes
 * the Enter first), and after adding, the cursor is back in an empty name for the next one.
 */
function CharacterForm({
  movieId,
  character,
  onDone,
  onCancel,
}: {
  movieId: number
  character: CharacterDto | null
  onDone?: () => void
  onCancel?: () => void
}) {
  const addCharacter = useAddCharacter()
  const updateCharacter = useUpdateCharacter()
  const nameRef = useRef<HTMLInputElement>(null)
  const read = readCharacterForm(movieId)
  const form = useForm<CharacterFormValues>({
    mode: 'controlled',
    initialValues: toValues(character),
    validate: contractValidator(CharacterDraft, read, FIELD_BY_PATH),
    validateInputOnBlur: ['name'],
  })
  const pending = addCharacter.isPending || updateCharacter.isPending
  const failed = (error: Error) => {
    const rest = placeSaveError(error, form.setErrors, FIELD_BY_PATH)
    if (rest) notifications.show({ color: 'red', title: 'The character was not saved', message: rest })
  }

  const submit = form.onSubmit(
    (values) => {
      const { movieId: _movie, ...fields } = read(values).input
      if (character) {
        updateCharacter.mutate(
          { id: character.id, ...fields },
          { onSuccess: () => onDone?.(), onError: failed },
        )
        return
      }
      addCharacter.mutate(
        { movieId, ...fields },
        {
          onSuccess: (added) => {
            form.reset()
            nameRef.current?.focus()
            notifications.show({ color: 'teal', message: `${added.name} is in the cast.`, autoClose: 2000 })
          },
          onError: failed,
        },
      )
    },
    () => nameRef.current?.focus(),
  )

  const label = character ? `Edit ${character.name}` : 'Add a character'
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={label}
      className={classes.form}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onCancel && !event.defaultPrevented) onCancel()
      }}
    >
      <div className={classes.fields}>
        <TextInput
          ref={nameRef}
          label="Character name"
          required
          autoComplete="off"
          data-autofocus={character ? true : undefined}
          {...form.getInputProps('name')}
        />
        <Select<CharacterRole>
          label="Role"
          data={CHARACTER_ROLE_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('role')}
        />
        <PersonPicker
          label="Played by"
          placeholder="Type a name"
          value={form.values.actor}
          onChange={(person) => form.setFieldValue('actor', person)}
          error={form.errors.actor as string | undefined}
        />
        <TextInput label="Description" autoComplete="off" {...form.getInputProps('description')} />
      </div>
      <Group gap="xs" justify="flex-end" mt="sm">
        {onCancel && (
          <Button variant="default" size="xs" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button
          type="submit"
          size="xs"
          loading={pending}
          leftSection={character ? undefined : <IconPlus size={14} stroke={2} />}
        >
          {character ? 'Save character' : 'Add character'}
        </Button>
      </Group>
    </form>
  )
}

function confirmRemove(character: CharacterDto, remove: (id: number) => void) {
  modals.openConfirmModal({
    title: `Remove ${character.name} from the cast?`,
    children: (
      <Text fz="sm">
        {character.actor
          ? `The character is deleted; ${character.actor.fullName} stays in the catalogue.`
          : 'The character is deleted.'}
      </Text>
    ),
    labels: { confirm: 'Remove character', cancel: 'Keep it' },
    confirmProps: { color: 'red.9' },
    onConfirm: () => remove(character.id),
  })
}

function CastRow({
  character,
  onEdit,
  onRemove,
}: {
  character: CharacterDto
  onEdit: () => void
  onRemove: () => void
}) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text fz="sm" fw={600}>
          {character.name}
        </Text>
        {character.description && (
          <Text fz="xs" c="dimmed" lineClamp={2}>
            {character.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td fz="sm">{CHARACTER_ROLE_LABELS[character.role]}</Table.Td>
      <Table.Td>
        {character.actor ? (
          <Group gap="sm" wrap="nowrap">
            <StoredImage
              url={character.actor.photoUrl ?? null}
              alt=""
              placeholderIcon={IconMask}
              width={32}
              height={32}
              radius="xl"
            />
            <AnchorLink to="/people/$personId" params={{ personId: String(character.actor.id) }} fz="sm">
              {character.actor.fullName}
            </AnchorLink>
          </Group>
        ) : (
          <Text fz="sm" c="dimmed">
            Not known yet
          </Text>
        )}
      </Table.Td>
      <Table.Td className={classes.actions}>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Tooltip label="Edit" openDelay={400}>
            <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${character.name}`} onClick={onEdit}>
              <IconPencil size={16} stroke={1.8} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Remove" openDelay={400}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${character.name}`}
              onClick={onRemove}
            >
              <IconTrash size={16} stroke={1.8} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

/**
 * A film's cast, edited in place: every character with its role and the person who plays them (a link to
 * their page), changed or removed row by row, and a row for adding the next one.
 */
export function CastEditor({ movieId, cast }: { movieId: number; cast: CharacterDto[] }) {
  // The character being changed in place, if any.
  const [editingId, onEditingChange] = useState<number | null>(null)
  const removeCharacter = useRemoveCharacter()
  const remove = (id: number) =>
    removeCharacter.mutate(id, {
      onError: (error) =>
        notifications.show({ color: 'red', title: 'The character was not removed', message: error.message }),
    })

  return (
    <section aria-labelledby="cast-heading">
      <Title order={2} fz="h4" mb="sm" id="cast-heading">
        Cast
      </Title>
      <Stack gap="md">
        <Paper withBorder radius="md" p="xs">
          {cast.length === 0 ? (
            <Text fz="sm" c="dimmed" p="xs">
              No characters yet: add the first one below.
            </Text>
          ) : (
            <Table verticalSpacing="xs" aria-labelledby="cast-heading">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Character</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Played by</Table.Th>
                  <Table.Th className={classes.actions}>
                    <VisuallyHidden>Changes</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cast.map((character) =>
                  character.id === editingId ? (
                    <Table.Tr key={character.id}>
                      <Table.Td colSpan={4}>
                        <CharacterForm
                          movieId={movieId}
                          character={character}
                          onDone={() => onEditingChange(null)}
                          onCancel={() => onEditingChange(null)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ) : (
                    <CastRow
                      key={character.id}
                      character={character}
                      onEdit={() => onEditingChange(character.id)}
                      onRemove={() => confirmRemove(character, remove)}
                    />
                  ),
                )}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={3} fz="h6" mb="xs">
            Add a character
          </Title>
          <CharacterForm movieId={movieId} character={null} />
        </Paper>
      </Stack>
    </section>
  )
}
