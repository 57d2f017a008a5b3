import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import Database from 'better-sqlite3'
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { openCatalogRuntime } from '../../../src-main/ipc/runtime.ts'
import type { Channel, Input, Output } from '../../../src-shared/contract.ts'
import { AppError } from '../../../src-shared/errors.ts'
import { type Harness, startHarness } from '../../harness/harness.ts'

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]
/** Screens are saved here for people to judge (never committed). */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'test-results', 'screens')

/** Debian's Chromium, or the one CHROMIUM_PATH names; a clear failure when there is none, never a skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's (apt-get install -y chromium) or point CHROMIUM_PATH at one.`,
    )
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

/** The app served by the harness over a fresh data directory, as a person would open it. */
export interface AppUnderTest {
  dataDir: string
  url: string
  /** Stops the harness and starts it again on the same data directory: quitting and reopening the app. */
  restart(): Promise<void>
  /** Reads the catalogue file directly, beside the app's connection, to check what is really stored. */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[]
  stop(): Promise<void>
}

/** Calls the catalogue as the renderer would, through the real dispatcher; throws what the renderer would get. */
export type CatalogCall = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>

/**
 * A fresh data directory, filled first (when `seed` is given) through the real services, exactly as the
 * app would fill it, then served by the harness.
 */
export async function startApp(
  options: { seed?: (call: CatalogCall) => Promise<void> } = {},
): Promise<AppUnderTest> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'catalog-e2e-'))
  if (options.seed) {
    const runtime = await openCatalogRuntime({
      dataDir,
      logger: { error: console.error, warn: () => {}, info: () => {} },
    })
    const call: CatalogCall = async (channel, input) => {
      const result = await runtime.dispatch(channel, input)
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.issues)
      return result.value as never
    }
    try {
      await options.seed(call)
    } finally {
      await runtime.close()
    }
  }
  let harness: Harness = await startHarness({ dataDir })
  return {
    dataDir,
    get url() {
      return harness.url
    },
    async restart() {
      await harness.close()
      harness = await startHarness({ dataDir })
    },
    sql(query, ...params) {
      const db = new Database(path.join(dataDir, 'catalog.sqlite'), { readonly: true })
      try {
        return db.prepare(query).all(...params) as never
      } finally {
        db.close()
      }
    },
    async stop() {
      await harness.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export interface OpenedPage {
  page: Page
  /** Script errors and console errors seen so far (a CSP violation is one). */
  problems: string[]
}

/** A fresh tab on the app, recording every script and console error. */
export async function openApp(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    ...options,
  })
  const page = await context.newPage()
  // A step that cannot happen fails on its own line, well before the test's own timeout.
  page.setDefaultTimeout(10_000)
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  await page.goto(url)
  return { page, problems }
}

export const PASSWORD = 'correct horse battery'

/** Fills in the welcome screen's form and creates the profile, as a new person does. */
export async function createProfile(
  page: Page,
  profile: {
    username: string
    email?: string
    firstName?: string
    lastName?: string
    staySignedIn?: boolean
  },
): Promise<void> {
  await page.getByLabel('Username').fill(profile.username)
  if (profile.firstName) await page.getByLabel('First name').fill(profile.firstName)
  if (profile.lastName) await page.getByLabel('Last name').fill(profile.lastName)
  await page.getByLabel('Email').fill(profile.email ?? `${profile.username}@example.com`)
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD)
  await page.getByLabel('Password again').fill(PASSWORD)
  if (profile.staySignedIn) await page.getByLabel('Stay signed in on this computer').check()
  await page.getByRole('button', { name: 'Create profile' }).click()
  await page.getByRole('button', { name: /profile menu/ }).waitFor()
}

/** No serious or critical accessibility violation on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} — ${violation.nodes
          .map((node) => `${node.target.join(' ')} (${node.failureSummary?.replace(/\s+/g, ' ') ?? ''})`)
          .join(', ')}`,
    )
  expect(serious, `accessibility of ${screen}`).toEqual([])
}

/** Saves what the screen looks like now, for a person to judge; waits for animations to settle first. */
export async function saveScreen(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await page.waitForTimeout(350)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
}

/** The text that assistive technology reads as a field's description: its hint and, when refused, why. */
export function descriptionOf(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim(),
  )
}
