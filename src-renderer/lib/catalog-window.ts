import type { CatalogBridge } from '../../src-shared/bridge.ts'
import { AppError } from '../../src-shared/errors.ts'

declare global {
  interface Window {
    /** Put there by the preload (or the harness's bridge script) before the app's code runs. */
    readonly catalog?: CatalogBridge
  }
}

/** The bridge to main; looked up per use so a page opened without one fails with a clear message. */
export function catalogBridge(): CatalogBridge {
  if (!window.catalog) throw new AppError('INTERNAL', 'This window has no bridge to the catalogue.')
  return window.catalog
}
