// Electron-free, so the app (app://, the dev server's session) and the browser harness send the very same policy.

/** The renderer's Content-Security-Policy; index.html's meta tag, if any, must say the same. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine injects <style> tags at run time.
  "style-src 'self' 'unsafe-inline'",
  // Stored posters and photos come from the app's own origin (/media/files/), previews from data: and blob: URLs.
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  // index.html sets <base href="/"> so assets load from the root on any route; nothing else may.
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

/**
 * The policy for `electron-vite dev` only: Vite's React Refresh preamble is an inline script and
 * hot reload talks over a WebSocket to the dev server.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const { host } = new URL(devServerUrl)
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ws://${host}`,
  )
}
