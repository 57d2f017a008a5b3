import { Center, Image, type MantineRadius } from '@mantine/core'
import type { Icon } from '@tabler/icons-react'
import { useState } from 'react'
import { mediaPathOf } from '../../src-shared/media.ts'
import classes from './stored-image.module.css'

/**
 * A poster, photo or avatar from the file store, or — when there is none, or it cannot be shown — a quiet
 * placeholder of the same size, so lists keep their rhythm.
 */
export function StoredImage({
  url,
  alt,
  placeholderIcon: PlaceholderIcon,
  width,
  height,
  radius = 'sm',
}: {
  url: string | null
  alt: string
  placeholderIcon: Icon
  width: number | string
  height: number | string
  radius?: MantineRadius
}) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null)
  if (!url || failedUrl === url) {
    return (
      <Center
        className={classes.placeholder}
        w={width}
        h={height}
        style={{ borderRadius: `var(--mantine-radius-${radius})` }}
      >
        <PlaceholderIcon size="40%" stroke={1.3} aria-hidden />
      </Center>
    )
  }
  return (
    <Image
      src={mediaPathOf(url)}
      alt={alt}
      w={width}
      h={height}
      radius={radius}
      fit="cover"
      loading="lazy"
      onError={() => setFailedUrl(url)}
    />
  )
}
