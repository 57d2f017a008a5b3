const KEY_NAMES: Record<string, string> = {
  shift: 'Shift',
  alt: 'Alt',
  ctrl: 'Ctrl',
  meta: '⌘',
  slash: '/',
  space: 'Space',
  escape: 'Esc',
  enter: 'Enter',
}

/**
 * The keys of a shortcut in Mantine's notation (`mod+K`, `shift+N`, `?`), as a person presses them:
 * `['Ctrl', 'K']`, or `['⌘', 'K']` on a Mac, where `mod` is Command.
 */
export function shortcutKeys(hotkey: string, isMac: boolean): string[] {
  const parts = hotkey
    .split('+')
    .map((part) => part.trim())
    .filter(Boolean)
  // "?" is typed with Shift on most keyboards; the key's own name says enough.
  const shown = parts.includes('?') ? parts.filter((part) => part.toLowerCase() !== 'shift') : parts
  return shown.map((part) => {
    const key = part.toLowerCase()
    if (key === 'mod') return isMac ? '⌘' : 'Ctrl'
    return KEY_NAMES[key] ?? (part.length === 1 ? part.toUpperCase() : part)
  })
}

/** Whether this computer is a Mac, where `mod` means Command. */
export const isMacPlatform = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
