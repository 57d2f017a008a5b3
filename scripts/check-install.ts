// Proves that `npm ci` needs no C/C++ toolchain or Python: it installs a copy of the project where no
// compiler, make, Python or working node-gyp can be found, then loads better-sqlite3 and sharp from their
// prebuilt binaries. better-sqlite3 ships a binding.gyp, for which npm would otherwise run
// `node-gyp rebuild` (STACK.md #17); .npmrc and package.json's allowScripts stop that.
// A control install without those two settings must fail on that very build, or the sandbox proves nothing.
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'

const root = join(import.meta.dirname, '..')

/** npm's own entry point: the one running this script, or the one on PATH. */
function npmCli(): string {
  if (process.env.npm_execpath) return process.env.npm_execpath
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'npm'))
  const npm = onPath.find((file) => existsSync(file))
  if (!npm) throw new Error('npm was not found on PATH')
  return realpathSync(npm)
}

/**
 * A PATH holding only node and sh, and an environment without Python hints or the settings `npm run`
 * passes down (an inherited npm_config_ignore_scripts would make the control pass); node-gyp, wherever
 * npm looks for it, is a stub that fails loudly.
 */
function sandboxEnvironment(sandbox: string): NodeJS.ProcessEnv {
  const bin = join(sandbox, 'bin')
  mkdirSync(bin)
  symlinkSync(process.execPath, join(bin, 'node'))
  symlinkSync('/bin/sh', join(bin, 'sh'))
  const failingNodeGyp = join(sandbox, 'node-gyp-unavailable.cjs')
  writeFileSync(failingNodeGyp, "console.error('node-gyp is unavailable here'); process.exit(1)\n")
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|PYTHON|PATH$)/i.test(name)),
  )
  return { ...env, PATH: bin, npm_config_node_gyp: failingNodeGyp }
}

function npmCi(cwd: string, env: NodeJS.ProcessEnv): { ok: boolean; output: string; seconds: number } {
  const started = performance.now()
  const result = spawnSync(
    process.execPath,
    [npmCli(), 'ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  )
  return {
    ok: result.status === 0,
    output: `${result.stdout}${result.stderr}`,
    seconds: Math.round((performance.now() - started) / 1000),
  }
}

// Loads both native packages the way main does, and makes each do real work.
const loadNativePackages = `
import Database from 'better-sqlite3'
import sharp from 'sharp'
const { version } = new Database(':memory:').prepare('select sqlite_version() as version').get()
const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c9922e' } }).png().toBuffer()
const { format, width } = await sharp(png).metadata()
if (format !== 'png' || width !== 4) throw new Error('sharp did not round-trip a PNG')
console.log('SQLite ' + version + ', libvips ' + sharp.versions.vips)
`

function fail(message: string): never {
  console.error(`Install without a compiler: FAILED\n${message}`)
  process.exit(1)
}

const sandbox = mkdtempSync(join(tmpdir(), 'check-install-'))
try {
  const env = sandboxEnvironment(sandbox)
  const project = join(sandbox, 'project')
  mkdirSync(project)
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  copyFileSync(join(root, 'package-lock.json'), join(project, 'package-lock.json'))

  console.log('Control: npm ci without .npmrc and allowScripts, with no compiler, Python or node-gyp…')
  const { allowScripts: _, ...manifestWithoutPolicy } = manifest
  writeFileSync(join(project, 'package.json'), JSON.stringify(manifestWithoutPolicy, null, 2))
  const control = npmCi(project, env)
  if (control.ok) {
    fail('The control install succeeded, so this sandbox cannot show that a native build is avoided.')
  }
  if (!/gyp|python/i.test(control.output)) {
    fail(`The control install failed, but not on a native build:\n${control.output.slice(-2000)}`)
  }
  console.log(`  failed as expected, on the native build (${control.seconds} s)`)

  console.log("npm ci with the project's .npmrc and package.json…")
  rmSync(join(project, 'node_modules'), { recursive: true, force: true })
  copyFileSync(join(root, 'package.json'), join(project, 'package.json'))
  copyFileSync(join(root, '.npmrc'), join(project, '.npmrc'))
  const install = npmCi(project, env)
  if (!install.ok) fail(install.output.slice(-4000))
  if (existsSync(join(project, 'node_modules', 'better-sqlite3', 'build'))) {
    fail('node-gyp ran for better-sqlite3 (node_modules/better-sqlite3/build exists).')
  }
  const load = spawnSync(process.execPath, ['--input-type=module', '-e', loadNativePackages], {
    cwd: project,
    env,
    encoding: 'utf8',
  })
  if (load.status !== 0) fail(`better-sqlite3 or sharp did not load:\n${load.stderr}`)
  console.log(`  installed in ${install.seconds} s; prebuilt binaries load: ${load.stdout.trim()}`)
  console.log('Install without a compiler: passed')
} finally {
  rmSync(sandbox, { recursive: true, force: true })
}
