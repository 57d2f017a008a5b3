import { resolve } from 'node:path'

/** The data directory: `--data-dir <dir>` (or `--data-dir=<dir>`) wins, then CATALOG_DATA_DIR, then the platform default given. */
export function resolveDataDir(options: {
  argv: readonly string[]
  env: Record<string, string | undefined>
  defaultDir: string
}): string {
  const { argv, env, defaultDir } = options
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? ''
    if (argument.startsWith('--data-dir=')) return resolve(argument.slice('--data-dir='.length))
    if (argument === '--data-dir') {
      const value = argv[index + 1]
      if (!value || value.startsWith('--')) throw new Error('--data-dir needs a folder: --data-dir <dir>')
      return resolve(value)
    }
  }
  const fromEnv = env.CATALOG_DATA_DIR?.trim()
  return resolve(fromEnv ? fromEnv : defaultDir)
}
