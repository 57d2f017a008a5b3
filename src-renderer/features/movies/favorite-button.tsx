import { ActionIcon, Tooltip } from '@mantine/core'
import { IconHeart, IconHeartFilled } from '@tabler/icons-react'
import { useSetFavorite } from './movies.mutations.ts'

/** The heart: toggles the movie among the signed-in profile's favorites, right where it is shown. */
export function FavoriteButton({
  movieId,
  title,
  isFavorite,
  size = 'lg',
}: {
  movieId: number
  title: string
  isFavorite: boolean
  size?: 'md' | 'lg' | 'xl'
}) {
  const setFavorite = useSetFavorite()
  const label = isFavorite ? `Remove “${title}” from favorites` : `Add “${title}” to favorites`
  return (
    <Tooltip label={isFavorite ? 'In your favorites' : 'Add to favorites'} openDelay={500}>
      <ActionIcon
        variant="subtle"
        color={isFavorite ? 'red' : 'gray'}
        size={size}
        radius="xl"
        aria-label={label}
        aria-pressed={isFavorite}
        onClick={(event) => {
          // Inside a clickable row or card: toggling is not opening the movie.
          event.stopPropagation()
          event.preventDefault()
          setFavorite.mutate({ movieId, isFavorite: !isFavorite })
        }}
      >
        {isFavorite ? <IconHeartFilled size="70%" /> : <IconHeart size="70%" stroke={1.8} />}
      </ActionIcon>
    </Tooltip>
  )
}
