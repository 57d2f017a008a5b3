import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { expectAccessible, saveScreen } from './app-browser.ts'

/** How long a poll waits: other work shares the machine, and a busy Chromium repaints late. */
export const UNDER_LOAD = { timeout: 10_000 }

const schemeShown = (page: Page) =>
  page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))

/**
 * No serious or critical accessibility violation on the screen as it is now, in the light scheme and in
 * the dark one (the app follows the system's), and the screen saved in both for a person to judge.
 */
export async function expectAccessibleInBothSchemes(page: Page, screen: string, screenName: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await expect.poll(() => schemeShown(page), UNDER_LOAD).toBe(scheme)
    await expectAccessible(page, `${screen} (${scheme})`)
    await saveScreen(page, `${screenName}-${scheme}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => schemeShown(page), UNDER_LOAD).toBe('light')
}

/** Pastes an image into the element with focus, as Ctrl+V from the clipboard does. */
export async function pasteImage(page: Page, bytes: Buffer, name: string): Promise<void> {
  await page.evaluate(
    ({ base64, fileName }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([data], fileName, { type: 'image/png' }))
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      )
    },
    { base64: bytes.toString('base64'), fileName: name },
  )
}
