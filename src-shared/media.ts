/**
 * Stored images are kept as `media://files/<key>` (a file row's `url`), and a page loads them from its own
 * origin under MEDIA_PATH: app://catalog/media/files/<key> in the app, the same path over HTTP in the
 * harness. Same origin, so a strict Cross-Origin-Resource-Policy on every image reply costs nothing.
 */
export const STORED_FILE_PREFIX = 'media://files/'

/** The path, on the page's own origin, that serves stored images and their thumbnails. */
export const MEDIA_PATH = '/media/files/'

/** Where a page loads a stored file's URL from; any other URL is returned as it is. */
export const mediaPathOf = (storedUrl: string): string =>
  storedUrl.startsWith(STORED_FILE_PREFIX)
    ? `${MEDIA_PATH}${storedUrl.slice(STORED_FILE_PREFIX.length)}`
    : storedUrl
