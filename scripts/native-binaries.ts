// Where the app's native code sits in a package, so the after-pack guard and the packaging check agree.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** A target as Node names it: `process.platform` and `process.arch` of the machine the app will run on. */
export interface Target {
  platform: string
  arch: string
}

/**
 * The files and folders, relative to the app (in a package: app.asar.unpacked), that hold native code
 * the app loads on `target`: better-sqlite3's addon, sharp's addon, and outside Windows, where sharp's
 * package holds it too, the libvips library that addon links to.
 */
export function nativeBinariesFor({ platform, arch }: Target): string[] {
  const target = `${platform}-${arch}`
  return [
    `node_modules/better-sqlite3/prebuilds/${target}.node`,
    `node_modules/@img/sharp-${target}`,
    ...(platform === 'win32' ? [] : [`node_modules/@img/sharp-libvips-${target}`]),
  ]
}

/**
 * npm installs sharp's binaries for the machine it runs on only; this adds another target's (say, Intel
 * macOS on Apple Silicon), at the versions sharp asks for, without touching package.json or the lock file.
 */
export function installCommandFor(target: Target, projectDir: string): string {
  const sharp = JSON.parse(readFileSync(join(projectDir, 'node_modules', 'sharp', 'package.json'), 'utf8'))
  const versions: Record<string, string> = sharp.optionalDependencies ?? {}
  const packages = nativeBinariesFor(target)
    .filter((path) => path.startsWith('node_modules/@img/'))
    .map((path) => path.slice('node_modules/'.length))
    .map((name) => `${name}@${versions[name] ?? 'latest'}`)
  return `npm install --no-save --force ${packages.join(' ')}`
}
