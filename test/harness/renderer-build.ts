import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

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

  // Only the renderer: no Electron pieces, so this works where main's entry does not build yet.
  await build({
    root: path.join(rootDir, 'src-renderer'),
    configFile: false,
    plugins: [react()],
    logLevel: 'warn',
    // The bundle loads from local disk, never over a network, so its size is not worth a warning.
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  })
  return outDir
}
