import { type App, shell, type WebContents } from 'electron'
import type { Logger } from '../ipc/runtime.ts'
import { hasTrustedOrigin } from './renderer-origins.ts'

/** Whether a link may be handed to the system browser: plain http(s), no embedded credentials. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const isWeb = parsed.protocol === 'http:' || parsed.protocol === 'https:'
  return isWeb && parsed.username === '' && parsed.password === ''
}

export interface GuardOptions {
  trustedOrigins: readonly string[]
  logger: Logger
}

const guarded = new WeakSet<WebContents>()

/**
 * Keeps a web contents on the app: no navigation or redirect off the trusted origins (a web link goes to
 * the system browser instead), no new windows, no <webview>, and no spellchecker, which would download
 * dictionaries. Guarding the same contents twice changes nothing.
 */
export function lockDownWebContents(contents: WebContents, { trustedOrigins, logger }: GuardOptions): void {
  if (guarded.has(contents)) return
  guarded.add(contents)
  const openInBrowser = (url: string) => {
    if (!isSafeExternalUrl(url)) return
    shell
      .openExternal(url)
      .catch((error: unknown) => logger.warn('Could not open a link in the browser', error))
  }
  contents.on('will-navigate', (event) => {
    if (hasTrustedOrigin(event.url, trustedOrigins)) return
    event.preventDefault()
    openInBrowser(event.url)
  })
  contents.on('will-redirect', (event) => {
    if (!hasTrustedOrigin(event.url, trustedOrigins)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  // webPreferences are fixed once a contents exists; its session's spellchecker is not.
  contents.session.setSpellCheckerEnabled(false)
}

/**
 * Applies lockDownWebContents to every web contents the app ever creates — a window, a devtools frontend,
 * anything a future feature or a dependency opens — not only to the ones made with the right options.
 */
export function guardEveryWebContents(app: Pick<App, 'on'>, options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, options))
}
