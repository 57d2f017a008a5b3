// PLACEHOLDER owned by the lead engineer: keep the signature.
/** The data directory: `--data-dir <dir>` wins, then CATALOG_DATA_DIR, then the platform default given. */
export function resolveDataDir(_options: {
  argv: readonly string[]
  env: Record<string, string | undefined>
  defaultDir: string
}): string {
  throw new Error('not implemented yet')
}
