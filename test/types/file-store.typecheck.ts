// Checked by `npm run typecheck`, never run: the file store takes only what prepareImage made.

import type { FileStore } from '../../src-main/files/file-store.ts'

export const rawBytes = (store: FileStore) =>
  // @ts-expect-error bytes that were not decoded and re-encoded cannot be stored
  store.put({ bytes: Buffer.alloc(1), mimeType: 'image/png', thumbnail: Buffer.alloc(1) })
