import { CloseButton, TextInput } from '@mantine/core'
import { useDebouncedCallback } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'

/**
 * A search box that answers every key at once while the list it drives follows a moment after the typing
 * pauses; Escape or the clear button empties it. When `value` changes from outside (Back, a cleared
 * filter), the box follows.
 */
export function SearchField({
  value,
  onChange,
  label,
  placeholder,
  className,
}: {
  value: string
  onChange: (text: string) => void
  /** The accessible name; the placeholder says more. */
  label: string
  placeholder: string
  className?: string
}) {
  const [text, setText] = useState(value)
  const [shownValue, setShownValue] = useState(value)
  if (shownValue !== value) {
    setShownValue(value)
    setText(value)
  }
  const commit = useDebouncedCallback(onChange, 120)
  const clear = () => {
    setText('')
    onChange('')
  }
  return (
    <TextInput
      className={className}
      placeholder={placeholder}
      aria-label={label}
      leftSection={<IconSearch size={16} stroke={1.8} />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value)
        commit(event.currentTarget.value)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && text) clear()
      }}
      rightSection={text ? <CloseButton size="sm" aria-label="Clear search" onClick={clear} /> : null}
    />
  )
}
