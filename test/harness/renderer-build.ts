import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { build } from 'vite'
import { rendererConfig } from '../../electron.vite.config.ts'

// Everything the renderer bundle is made from; a change to any of it means the bundle is stale.
const SOURCE_DIRS = ['src-renderer', 'src-shared']

const newestModification = async (dir: string): Promise<number> => {
  let newest = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs)
  }
  return newest
}

const modifiedAt = async (file: string) => {
  try {
    return (await stat(file)).mtimeMs
  } catch {
    return null
  }
}

/** Builds the renderer into `<root>/out/renderer` unless the build there is newer than every source file; returns that folder. */
export async function ensureRendererBuilt(rootDir: string): Promise<string> {
  const outDir = path.join(rootDir, 'out', 'renderer')
  const builtAt = await modifiedAt(path.join(outDir, 'index.html'))
  const sourcesChangedAt = Math.max(
    ...(await Promise.all(SOURCE_DIRS.map((dir) => newestModification(path.join(rootDir, dir))))),
  )
  if (builtAt !== null && builtAt > sourcesChangedAt) return outDir

  // Only the renderer, with the app's own renderer config: no Electron pieces are built or needed.
  await build({ ...rendererConfig, configFile: false, logLevel: 'warn' })
  return outDir
}
