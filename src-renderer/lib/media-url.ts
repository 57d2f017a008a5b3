const STORED_FILE_PREFIX = 'media://files/'

/**
 * The address an <img> can load a stored file from. Electron serves `media://` itself; the browser
 * harness cannot register a scheme, so its bridge names an HTTP path that serves the same files.
 */
export function mediaUrl(storedUrl: string): string {
  const mediaBase = window.catalogMediaBase
  if (!mediaBase || !storedUrl.startsWith(STORED_FILE_PREFIX)) return storedUrl
  return `${mediaBase}files/${storedUrl.slice(STORED_FILE_PREFIX.length)}`
}
