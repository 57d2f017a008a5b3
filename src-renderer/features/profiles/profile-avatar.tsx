import { Avatar, type MantineSize } from '@mantine/core'
import { mediaPathOf } from '../../../src-shared/media.ts'

/** The display name of a profile: first and last name when known, else the username. */
export const displayName = (profile: {
  username: string
  firstName: string | null
  lastName: string | null
}) => [profile.firstName, profile.lastName].filter(Boolean).join(' ') || profile.username

/** A profile's picture, or its initials on a colour of their own when it has none. */
export function ProfileAvatar({
  name,
  imageUrl,
  size = 'md',
}: {
  name: string
  imageUrl: string | null
  size?: MantineSize | number
}) {
  return (
    <Avatar
      src={imageUrl ? mediaPathOf(imageUrl) : null}
      name={name}
      color="initials"
      size={size}
      radius="xl"
      alt=""
      aria-hidden
    />
  )
}
