import { Alert, Button, Group, Input, Stack, Text } from '@mantine/core'
import { Dropzone } from '@mantine/dropzone'
import type { Icon } from '@tabler/icons-react'
import { IconPhotoUp, IconTrash } from '@tabler/icons-react'
import { useId, useRef } from 'react'
import { IMAGE_TYPES } from '../lib/image-upload.ts'
import classes from './image-picker.module.css'
import { StoredImage } from './stored-image.tsx'

export interface ImagePickerProps {
  label: string
  /** The image chosen so far (stored already), or null. */
  imageUrl: string | null
  /** Called with the file a person dropped, picked or pasted. */
  onPick(file: File): void
  onRemove(): void
  uploading: boolean
  error: string | null
  placeholderIcon: Icon
  /** Poster (2:3) or square (a photo or avatar). */
  shape: 'poster' | 'square'
}

/**
 * An image field: drop a file on it, click to pick one, or paste an image while it has focus; it shows what
 * was chosen, with a way to remove it.
 */
export function ImagePicker({
  label,
  imageUrl,
  onPick,
  onRemove,
  uploading,
  error,
  placeholderIcon,
  shape,
}: ImagePickerProps) {
  const labelId = useId()
  const hintId = useId()
  const openRef = useRef<() => void>(null)
  const [width, height] = shape === 'poster' ? [120, 180] : [120, 120]

  const pick = (file: File | undefined) => {
    if (file) onPick(file)
  }

  return (
    <Stack gap={6}>
      <Input.Label id={labelId}>{label}</Input.Label>
      <Group align="flex-start" gap="md" wrap="nowrap">
        <StoredImage
          url={imageUrl}
          alt={`${label}: chosen image`}
          placeholderIcon={placeholderIcon}
          width={width}
          height={height}
          radius="md"
        />
        <Stack gap="xs" className={classes.controls}>
          <Dropzone
            onDrop={(files) => pick(files[0])}
            // The file store judges the bytes, not the name: a refused file goes to it too, so the person
            // hears what is wrong in the same words as any other refusal.
            onReject={(rejections) => pick(rejections[0]?.file)}
            accept={IMAGE_TYPES}
            multiple={false}
            loading={uploading}
            openRef={openRef}
            activateOnClick={false}
            className={classes.dropzone}
            // A focusable group (Mantine marks the drop area as presentation), so paste has a place to land.
            role="group"
            aria-labelledby={labelId}
            aria-describedby={hintId}
            tabIndex={0}
            onPaste={(event: React.ClipboardEvent) => {
              const file = [...event.clipboardData.files].find((item) => item.type.startsWith('image/'))
              if (file) {
                event.preventDefault()
                onPick(file)
              }
            }}
          >
            <Group gap="xs" justify="center" wrap="nowrap" className={classes.dropzoneInner}>
              <IconPhotoUp size={20} stroke={1.6} aria-hidden />
              <Text fz="sm" id={hintId}>
                Drop an image here, or paste one
              </Text>
            </Group>
          </Dropzone>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={() => openRef.current?.()} disabled={uploading}>
              Choose a file…
            </Button>
            {imageUrl && (
              <Button
                variant="subtle"
                color="red"
                size="xs"
                leftSection={<IconTrash size={14} stroke={1.8} />}
                onClick={onRemove}
                disabled={uploading}
              >
                Remove
              </Button>
            )}
          </Group>
          <Text fz="xs" c="dimmed">
            JPEG, PNG, WebP, GIF or AVIF, up to 20 MB.
          </Text>
          {error && (
            <Alert color="red" variant="light" p="xs" role="alert">
              <Text fz="sm">{error}</Text>
            </Alert>
          )}
        </Stack>
      </Group>
    </Stack>
  )
}
