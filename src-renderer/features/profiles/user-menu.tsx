import { Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { IconChevronDown, IconLogout, IconSwitchHorizontal, IconUserCircle } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { displayName, ProfileAvatar } from './profile-avatar.tsx'
import { useSignOut } from './profiles.mutations.ts'
import { profileQueries } from './profiles.queries.ts'
import classes from './user-menu.module.css'

/** The signed-in profile, always in view in the header, with its profile page, switching and signing out. */
export function UserMenu() {
  const current = useQuery(profileQueries.current())
  const profiles = useQuery(profileQueries.all())
  const signOut = useSignOut()
  const navigate = useNavigate()
  const user = current.data
  if (!user) return null
  const name = displayName(user)
  return (
    <Menu position="bottom-end" withArrow width={220}>
      <Menu.Target>
        <UnstyledButton className={classes.trigger}>
          <Group gap={8} wrap="nowrap">
            <ProfileAvatar name={name} imageUrl={user.avatar?.url ?? null} size="sm" />
            <Text fz="sm" fw={500} lineClamp={1} maw={160} className={classes.name}>
              {name}
            </Text>
            <VisuallyHidden>, profile menu</VisuallyHidden>
            <IconChevronDown size={14} stroke={1.8} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>@{user.username}</Menu.Label>
        <Menu.Item
          leftSection={<IconUserCircle size={16} stroke={1.7} />}
          onClick={() => void navigate({ to: '/profile' })}
        >
          Your profile
        </Menu.Item>
        {(profiles.data?.length ?? 0) > 1 && (
          <Menu.Item
            leftSection={<IconSwitchHorizontal size={16} stroke={1.7} />}
            onClick={() => signOut.mutate()}
          >
            Switch profile
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconLogout size={16} stroke={1.7} />} onClick={() => signOut.mutate()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
