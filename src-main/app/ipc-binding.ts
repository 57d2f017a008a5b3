import { ipcMain, type WebContents } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src-shared/bridge.ts'
import type { Envelope } from '../../src-shared/errors.ts'
import type { CatalogRuntime, Logger } from '../ipc/runtime.ts'
import { hasTrustedOrigin } from './renderer-origins.ts'

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  url: string
  parent: unknown | null
}

/** Only the app's own top-level page may call: never a subframe, a foreign page or a vanished frame. */
export function isTrustedSender(frame: SenderFrame | null, trustedOrigins: readonly string[]): boolean {
  return frame !== null && frame.parent === null && hasTrustedOrigin(frame.url, trustedOrigins)
}

const FORBIDDEN: Envelope<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This page is not allowed to use the catalogue.' },
}

/** Answers every contract call from the renderer through the one `catalog:invoke` handler. */
export function registerCatalogIpc(options: {
  runtime: CatalogRuntime
  trustedOrigins: readonly string[]
  logger: Logger
}): void {
  const { runtime, trustedOrigins, logger } = options
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    const frame = event.senderFrame
    if (!isTrustedSender(frame, trustedOrigins)) {
      logger.warn('Refused a catalogue call from an untrusted frame', { url: frame?.url, channel })
      return FORBIDDEN
    }
    return runtime.dispatch(channel, input)
  })
}

/** Pushes the runtime's events to a window's page while it shows the app; stops when the page is gone. */
export function forwardCatalogEvents(
  runtime: CatalogRuntime,
  contents: WebContents,
  trustedOrigins: readonly string[],
): void {
  const unsubscribe = runtime.onEvent((name, payload) => {
    if (contents.isDestroyed() || !hasTrustedOrigin(contents.mainFrame.url, trustedOrigins)) return
    contents.send(IPC_EVENT_CHANNEL, name, payload)
  })
  contents.once('destroyed', unsubscribe)
}
