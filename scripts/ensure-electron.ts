// Fetches the Electron runtime before `npm start` / `npm run dev` hand over to electron-vite.
// Since Electron 42 the `electron` package no longer downloads its runtime at install, and electron-vite
// 6.0.0 only reads the path.txt that the download writes (STACK.md #15), so without this the first start
// fails with "Error: Electron uninstall". Electron's own `install-electron` command does the download.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

interface ElectronPackage {
  version: string
  bin: Record<string, string>
}

// npm runs scripts from the project root: the project's own electron package is the one to fill in.
const electronDir = dirname(
  createRequire(join(process.cwd(), 'package.json')).resolve('electron/package.json'),
)
const electronPackage: ElectronPackage = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))
const pathFile = join(electronDir, 'path.txt')

function isInstalled(): boolean {
  return existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))
}

/**
 * The download runs on Node's fetch, which ignores proxy variables unless NODE_USE_ENV_PROXY is set;
 * a proxy configured for npm itself (`https-proxy` in .npmrc) is used too, so `npm ci` and the first
 * start work behind the same proxy.
 */
function downloadEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_USE_ENV_PROXY: process.env.NODE_USE_ENV_PROXY ?? '1' }
  const npmProxy = env.npm_config_https_proxy || env.npm_config_proxy
  if (npmProxy && !env.HTTPS_PROXY && !env.https_proxy) env.HTTPS_PROXY = npmProxy
  if (env.npm_config_noproxy && !env.NO_PROXY && !env.no_proxy) env.NO_PROXY = env.npm_config_noproxy
  return env
}

/** The one line of install-electron's error output that says what went wrong, in plainer words. */
function reasonFrom(errorOutput: string): string {
  const message = /^\w*Error: (.+)$/m.exec(errorOutput)?.[1]?.trim()
  if (!message) return 'the download did not finish'
  // Node's fetch reports every connection failure (no network, DNS, refused, TLS) as just this.
  if (message === 'fetch failed') return 'the download server could not be reached'
  return message
}

if (!isInstalled()) {
  // The mirror @electron/get will use: npm's electron_mirror setting wins over the environment variable.
  const source = process.env.npm_config_electron_mirror || process.env.ELECTRON_MIRROR || 'GitHub'
  console.log(
    `Downloading the Electron ${electronPackage.version} runtime from ${source} (about 100 MB, first start only)…`,
  )
  const installer = join(electronDir, electronPackage.bin['install-electron'] ?? 'install.js')
  const result = spawnSync(process.execPath, [installer], {
    cwd: electronDir,
    env: downloadEnvironment(),
    // install-electron ends a failure with a stack trace on stderr: kept for its first line only.
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  })
  if (result.status !== 0 || !isInstalled()) {
    // path.txt is written last, so without it whatever was extracted is incomplete: the next start begins afresh.
    if (!existsSync(pathFile)) rmSync(join(electronDir, 'dist'), { recursive: true, force: true })
    console.error(
      [
        `Could not download the Electron runtime from ${source}: ${reasonFrom(result.stderr ?? '')}.`,
        'Behind a proxy, set HTTPS_PROXY=http://<host>:<port>; where GitHub is blocked, set ELECTRON_MIRROR to a',
        "mirror of Electron's releases. Then run the command again.",
        'Meanwhile the same app runs in a browser: npm run harness -- --data-dir <dir>',
      ].join('\n'),
    )
    process.exit(1)
  }
}
