/** The privileged scheme and fixed host the packaged renderer is served from. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'catalog'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** The URL the window opens in production. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * `scheme://host[:port]` of a URL, or null when it has no host (file:, data:, about:blank) or does
 * not parse. Node's URL.origin is "null" for custom schemes, so it is built by hand.
 */
export function originOf(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`
}

/** Whether a URL belongs to one of the app's own origins. */
export function hasTrustedOrigin(url: string, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && trustedOrigins.includes(origin)
}

/**
 * The origins the renderer may run on: app://catalog, plus the `electron-vite dev` server, which
 * an unpackaged app only trusts so an environment variable can never widen a packaged app's trust.
 */
export function trustedRendererOrigins(options: { isPackaged: boolean; devServerUrl?: string }): string[] {
  const devOrigin = options.isPackaged || !options.devServerUrl ? null : originOf(options.devServerUrl)
  return devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]
}
