import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { type AppUnderTest, type CatalogCall, launchChromium, startApp } from './app-browser.ts'

export interface E2eFile {
  /** The file's Chromium, launched before its first test. */
  browser(): Browser
  /** Starts the app as `startApp` in app-browser.ts does, and stops it after the test that started it. */
  startApp(options?: { seed?: (call: CatalogCall) => Promise<void> }): Promise<AppUnderTest>
}

/**
 * What every e2e file does around its tests: one Chromium for the whole file, closed after its last test,
 * and each app a test starts stopped after that test. Called once, at the top of the file.
 */
export function e2eFile(): E2eFile {
  let browser: Browser | undefined
  const running: AppUnderTest[] = []
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    for (const app of running.splice(0)) await app.stop()
  })
  return {
    browser: () => {
      if (!browser) throw new Error('Chromium is launched in beforeAll: ask for it inside a test.')
      return browser
    },
    startApp: async (options) => {
      const app = await startApp(options)
      running.push(app)
      return app
    },
  }
}
