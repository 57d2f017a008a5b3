/**
 * What to answer one request with, decided without any transport: Electron's app:// handler
 * and the browser harness each send it their own way, so a rule fixed here is fixed for all of them.
 */
export type ServedResponse = ServedFile | ServedText

/** A file's bytes, with the headers to send them with. */
export interface ServedFile {
  status: 200
  headers: Record<string, string>
  file: string
  size: number
  /** The app's page (index.html): the harness puts its bridge into it before sending. */
  isAppPage: boolean
}

/** A short answer in words, such as a 404. */
export interface ServedText {
  status: 404
  headers: Record<string, string>
  body: string
}

/** The one answer to anything that is not there or not allowed: it says no more than that. */
export const notFound = (headers: Record<string, string> = {}): ServedText => ({
  status: 404,
  headers: {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  },
  body: 'Not found.',
})
