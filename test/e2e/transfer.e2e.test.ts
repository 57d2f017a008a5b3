import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { type AppUnderTest, expectAccessible, openApp, PASSWORD, saveScreen } from './support/app-browser.ts'
import { e2eFile } from './support/lifecycle.ts'

const e2e = e2eFile()
let app: AppUnderTest | undefined

describe('import and export', () => {
  test('imports a CSV with its progress shown, shows the films, and exports them', {
    timeout: 240_000,
  }, async () => {
    app = await e2e.startApp({
      seed: async (call) => {
        await call('users:register', {
          username: 'ada',
          email: 'ada@example.com',
          password: PASSWORD,
          staySignedIn: true,
        })
      },
    })
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `Film number ${i},${1950 + (i % 70)},Director ${i % 300},Drama; Genre ${i % 12}`,
    )
    const csv = path.join(app.dataDir, '..', `films-${Date.now()}.csv`)
    await writeFile(
      csv,
      ['Title,Year,Director,Genres', 'Amélie,2001,Jean-Pierre Jeunet,Comedy', ...rows].join('\n'),
    )
    for (const [scheme, viewport] of [
      ['light', { width: 1280, height: 800 }],
      ['dark', { width: 800, height: 560 }],
    ] as const) {
      const { page, problems } = await openApp(e2e.browser(), app.url, { colorScheme: scheme, viewport })
      if (viewport.width < 992) await page.getByRole('button', { name: 'Toggle navigation' }).click()
      await page.getByRole('link', { name: 'Import & backups' }).click()
      await page.locator('input[type=file]').setInputFiles(csv)
      // A fast machine reads 40,000 rows in a blink: whether a progress bar was shown at all is recorded as
      // the page changes, rather than hoped to be caught by a poll.
      await page.evaluate(() => {
        const seen = window as unknown as { progressShown: boolean }
        seen.progressShown = false
        new MutationObserver(() => {
          if (document.querySelector('[role=progressbar]')) seen.progressShown = true
        }).observe(document.body, { childList: true, subtree: true })
      })
      await page.getByRole('button', { name: 'Preview' }).click()
      await page.getByText('new films').waitFor({ timeout: 30_000 })
      if (scheme === 'light') {
        expect(
          await page.evaluate(() => (window as unknown as { progressShown: boolean }).progressShown),
        ).toBe(true)
      }
      await saveScreen(page, `transfer-preview-${scheme}-${viewport.width}`)
      if (scheme === 'light') {
        await expectAccessible(page, 'import preview')
        await page.getByRole('button', { name: /^Import 40,001 films$/ }).click()
        await page.getByText('Added 40,001 films').waitFor({ timeout: 60_000 })
        await saveScreen(page, 'transfer-imported-light-1280')
        await page.getByRole('link', { name: 'See the films' }).click()
        await page.getByText('Amélie').first().waitFor()
        await page.getByRole('link', { name: 'Import & backups' }).click()
        await page.getByRole('tab', { name: 'Export' }).click()
        await page.getByRole('button', { name: 'Export', exact: true }).click()
        await page.getByText('films written to').waitFor({ timeout: 60_000 })
        const written = ((await page.getByText(/films-.*\.csv/).textContent()) ?? '').trim()
        expect(existsSync(written)).toBe(true)
        await page.getByRole('tab', { name: 'Backups' }).click()
        await page.getByRole('button', { name: 'Back up now' }).click()
        await page.getByRole('button', { name: /^Restore backup-/ }).waitFor({ timeout: 60_000 })
        await saveScreen(page, 'transfer-backups-light-1280')
        await expectAccessible(page, 'backups')
      } else {
        await page.getByRole('tab', { name: 'Backups' }).click()
        await saveScreen(page, 'transfer-backups-dark-800')
      }
      expect(problems).toEqual([])
      await page.context().close()
    }
    expect(app.sql('select count(*) as n from movie')).toEqual([{ n: 40_001 }])
  })
})
