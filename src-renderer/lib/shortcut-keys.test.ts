import { expect, test } from 'vitest'
import { shortcutKeys } from './shortcut-keys.ts'

test('shortcuts read as the keys a person presses, Command on a Mac', () => {
  expect(shortcutKeys('mod + K', false)).toEqual(['Ctrl', 'K'])
  expect(shortcutKeys('mod+k', true)).toEqual(['⌘', 'K'])
  expect(shortcutKeys('shift+n', false)).toEqual(['Shift', 'N'])
  expect(shortcutKeys('n', false)).toEqual(['N'])
  expect(shortcutKeys('shift+?', false)).toEqual(['?'])
  expect(shortcutKeys('/', false)).toEqual(['/'])
})
