// What `npm run dist` puts in an installer, checked here without the Electron download it needs: the app is
// packaged for Linux as a directory (`electron-builder --dir`) against a stand-in Electron, then inspected
// (contents, native binaries, size) and its main process is started from the package in plain Node.
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { extractAll, getRawHeader } from '@electron/asar'
import { nativeBinariesFor, type Target } from './native-binaries.ts'

// Measured at 29.8 MB (8.4 MB archive + 21.4 MB unpacked, 18.7 MB of it libvips) in November 2026. The
// headroom is for ordinary growth; another platform's binaries or SQLite's sources (~15-25 MB) fail it.
const PAYLOAD_BUDGET_MB = 32

const root = join(import.meta.dirname, '..')
const target: Target = { platform: 'linux', arch: process.arch }
const problems: string[] = []

function check(ok: boolean, passed: string, failed: string): void {
  console.log(`${ok ? '✓' : '✗'} ${ok ? passed : failed}`)
  if (!ok) problems.push(failed)
}

/** Runs a tool from the project, showing its output only when it fails. */
function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 300_000 })
  if (result.status !== 0) {
    console.error(`${result.stdout}${result.stderr}`)
    throw new Error(`${command} ${args.join(' ')} failed`)
  }
}

/**
 * A directory electron-builder accepts as an unpacked Electron: an `electron` that only says what it is,
 * carrying the fuse wire electron-builder flips (sentinel, version 1, eight fuses), since the release
 * configuration sets fuses.
 */
function makeStandInElectron(dir: string): void {
  mkdirSync(dir)
  const fuseWire = `dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\u0001\u000800000000`
  writeFileSync(
    join(dir, 'electron'),
    `#!/bin/sh\necho 'A stand-in for Electron, used by npm run check:package.' >&2\nexit 1\n# ${fuseWire}\n`,
    { mode: 0o755 },
  )
}

interface ArchiveEntry {
  path: string
  unpacked: boolean
}

interface HeaderNode {
  files?: Record<string, HeaderNode>
  unpacked?: boolean
}

function archiveEntries(archive: string): ArchiveEntry[] {
  const entries: ArchiveEntry[] = []
  const walk = (node: HeaderNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name
      if (child.files) walk(child, path)
      else entries.push({ path, unpacked: child.unpacked === true })
    }
  }
  walk(getRawHeader(archive).header as HeaderNode, '')
  return entries
}

/** The package folders (node_modules/x, node_modules/@s/x, nested ones too) files belong to. */
function packageDirs(paths: string[]): Set<string> {
  const dirs = new Set<string>()
  for (const path of paths) {
    const dir = /^node_modules\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*/.exec(path)?.[0]
    if (dir) dirs.add(dir)
  }
  return dirs
}

function examples(paths: string[]): string {
  return paths.length <= 5 ? paths.join(', ') : `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more`
}

function totalSize(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)
}

/** The line of a failed Node process's output that names the error, not the source excerpt before it. */
const firstError = (stderr: string) =>
  stderr
    .split('\n')
    .find((line) => /Error\b/.test(line))
    ?.trim() ?? stderr

const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1)

interface LockedPackage {
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

/**
 * The installed packages main can reach: package.json's dependencies and, transitively, theirs, each
 * resolved as Node resolves it (nested node_modules first); optional ones only where npm installed them.
 */
function productionPackages(): Set<string> {
  const lock: Record<string, LockedPackage> = JSON.parse(
    readFileSync(join(root, 'package-lock.json'), 'utf8'),
  ).packages
  const resolve = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(?:@[^/]+\/)?[^/]+$/, '')) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`
      if (lock[candidate] && existsSync(join(root, candidate))) return candidate
      if (!dir) return undefined
    }
  }
  const found = new Set<string>()
  const visit = (from: string) => {
    const { dependencies = {}, optionalDependencies = {} } = lock[from] ?? {}
    for (const name of Object.keys({ ...dependencies, ...optionalDependencies })) {
      const dir = resolve(from, name)
      if (dir && !found.has(dir)) {
        found.add(dir)
        visit(dir)
      }
    }
  }
  visit('')
  return found
}

function inspectContents(entries: ArchiveEntry[]): void {
  const paths = entries.map((entry) => entry.path)
  const bundles = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json']
  const missingBundles = bundles.filter((bundle) => !paths.includes(bundle))
  check(
    missingBundles.length === 0,
    'app.asar holds the built main, preload and renderer',
    `app.asar lacks ${missingBundles.join(', ')}`,
  )
  const outside = paths.filter(
    (path) => !/^(out\/(main|preload|renderer)\/|node_modules\/)/.test(path) && path !== 'package.json',
  )
  check(
    outside.length === 0,
    'nothing else from the project: no sources, tests or build scratch',
    `app.asar holds project files beyond the bundles: ${examples(outside)}`,
  )

  const packaged = packageDirs(paths)
  const expected = productionPackages()
  const notProduction = [...packaged].filter((dir) => !expected.has(dir))
  const left = [...expected].filter((dir) => !packaged.has(dir))
  check(
    notProduction.length === 0 && left.length === 0,
    `node_modules holds exactly the ${packaged.size} production packages installed here`,
    `node_modules is not the production dependencies: ${
      notProduction.length > 0 ? `not production: ${examples(notProduction)}` : ''
    } ${left.length > 0 ? `missing: ${examples(left)}` : ''}`.trim(),
  )

  const forbidden: [string, RegExp][] = [
    ['source maps', /\.map$/],
    ['TypeScript sources or declarations', /\.[cm]?ts$/],
    ['C/C++ sources, headers or build files', /\.(c|cc|cpp|h|hpp|gyp|gypi)$/],
    ['docs', /(^|\/)(readme|changelog|history|changes)(\.\w+)?$|(^|\/)(?!licen[cs]e)[^/]*\.(md|markdown)$/i],
    ['tests', /(^|\/)(test|tests|__tests__)\//],
    // node-gyp's intermediates, TypeScript's and tools' caches; a package may ship compiled code in build/.
    [
      'build scratch',
      /(^|\/)build\/(Makefile|config\.gypi|Release\/(obj\.target|\.deps)\/)|\.tsbuildinfo$|(^|\/)\.cache\//,
    ],
  ]
  for (const [what, pattern] of forbidden) {
    const found = paths.filter((path) => pattern.test(path))
    check(found.length === 0, `no ${what}`, `app.asar holds ${what}: ${examples(found)}`)
  }
}

function inspectNativeCode(entries: ArchiveEntry[], unpackedDir: string): void {
  const expected = nativeBinariesFor(target)
  const missing = expected.filter((path) => !existsSync(join(unpackedDir, path)))
  check(
    missing.length === 0,
    `better-sqlite3 and sharp (with libvips) for ${target.platform}-${target.arch} are unpacked`,
    `not unpacked: ${examples(missing)}`,
  )
  const packedNative = entries.filter(
    (entry) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(entry.path) && !entry.unpacked,
  )
  check(
    packedNative.length === 0,
    'no native code left inside the archive',
    `native code inside the archive, where the OS cannot load it: ${examples(packedNative.map((e) => e.path))}`,
  )
  const prebuilds = entries
    .map((entry) => entry.path)
    .filter((path) => path.startsWith('node_modules/better-sqlite3/prebuilds/'))
  const sharpPackages = [...packageDirs(entries.map((entry) => entry.path))].filter((dir) =>
    dir.startsWith('node_modules/@img/sharp-'),
  )
  const otherPlatforms = [
    ...prebuilds.filter((path) => path !== expected[0]),
    ...sharpPackages.filter((dir) => !expected.includes(dir)),
  ]
  check(
    otherPlatforms.length === 0,
    "no other platform's binaries",
    `other platforms' binaries are shipped: ${examples(otherPlatforms)}`,
  )
  const sqliteSources = entries.filter((entry) =>
    /^node_modules\/better-sqlite3\/(deps|src)\//.test(entry.path),
  )
  check(
    sqliteSources.length === 0,
    'no SQLite C sources',
    `SQLite's sources are shipped: ${examples(sqliteSources.map((e) => e.path))}`,
  )

  // Electron loads addons from app.asar.unpacked; so does this, in a fresh Node, which also finds whether
  // sharp's addon finds libvips beside it.
  const [sqliteAddon, sharpDir] = expected.map((path) => join(unpackedDir, path))
  const sharpAddon = readdirSync(join(sharpDir ?? '', 'lib')).find((name) => name.endsWith('.node'))
  const load = spawnSync(
    process.execPath,
    [
      '-e',
      `const sqlite = require(${JSON.stringify(sqliteAddon)});
       const sharp = require(${JSON.stringify(join(sharpDir ?? '', 'lib', sharpAddon ?? 'missing.node'))});
       if (typeof sqlite.Database !== 'function') throw new Error('better-sqlite3 addon has no Database');
       console.log('libvips ' + sharp.libvipsVersion().semver)`,
    ],
    { cwd: tmpdir(), encoding: 'utf8' },
  )
  check(
    load.status === 0,
    `the unpacked addons load (${load.stdout.trim()})`,
    `the unpacked addons do not load: ${firstError(load.stderr)}`,
  )
}

/** Starts the packaged main bundle in Node, from a copy of the package, and makes two calls through IPC. */
function runPackagedMain(archive: string, work: string): void {
  // Node cannot read inside an asar (Electron's fs can), so the archive is extracted with its unpacked
  // files in place: the very tree the packaged app sees, resolving only the packaged node_modules.
  const appDir = join(work, 'app')
  extractAll(archive, appDir)
  const dataDir = join(work, 'data')
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      join(root, 'test', 'support', 'electron-stub', 'register.mjs'),
      join(appDir, 'out', 'main', 'index.js'),
      '--data-dir',
      dataDir,
    ],
    {
      cwd: appDir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        ELECTRON_STUB_INVOKE: JSON.stringify([
          ['movies:create', { title: 'Stalker', releaseDate: '1979-05-25' }],
          ['movies:list', {}],
        ]),
      },
    },
  )
  const answers = result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{"invoke"'))
    .map((line) => JSON.parse(line))
  const list = answers.find((answer) => answer.invoke === 'movies:list')?.envelope
  const titles = list?.ok ? list.value.items.map((item: { title: string }) => item.title) : []
  check(
    result.status === 0 && existsSync(join(dataDir, 'catalog.sqlite')) && titles.includes('Stalker'),
    'the packaged main opens a catalogue in a temporary data directory and answers movies:list',
    `the packaged main did not answer movies:list: ${JSON.stringify(answers).slice(0, 500)} ${result.stderr.slice(-1500)}`,
  )

  const sharp = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import sharp from 'sharp'
       const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c9922e' } }).png().toBuffer()
       console.log((await sharp(png).metadata()).format)`,
    ],
    { cwd: appDir, encoding: 'utf8' },
  )
  check(
    sharp.status === 0 && sharp.stdout.trim() === 'png',
    'sharp, as packaged, encodes and reads an image',
    `sharp, as packaged, does not work: ${firstError(sharp.stderr)}`,
  )
}

if (process.platform !== 'linux') {
  console.error(
    'The packaging check packages for Linux with the binaries npm installed here, so it runs on Linux.',
  )
  process.exit(1)
}

const work = mkdtempSync(join(tmpdir(), 'check-package-'))
try {
  console.log('Building main, preload and renderer…')
  run(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'])
  console.log(`Packaging for ${target.platform}-${target.arch} against a stand-in Electron…`)
  const standIn = join(work, 'electron-stand-in')
  makeStandInElectron(standIn)
  const output = join(work, 'dist')
  run(join(root, 'node_modules', '.bin', 'electron-builder'), [
    '--dir',
    '--linux',
    `--${target.arch}`,
    '--publish',
    'never',
    `-c.electronDist=${standIn}`,
    `-c.directories.output=${output}`,
  ])
  const appOutDir = readdirSync(output).find((name) => name.endsWith('-unpacked')) ?? 'linux-unpacked'
  const resources = join(output, appOutDir, 'resources')
  const archive = join(resources, 'app.asar')
  const unpackedDir = join(resources, 'app.asar.unpacked')
  const entries = archiveEntries(archive)

  inspectContents(entries)
  inspectNativeCode(entries, unpackedDir)
  runPackagedMain(archive, work)

  const archiveBytes = statSync(archive).size
  const unpackedBytes = totalSize(unpackedDir)
  const payload = (archiveBytes + unpackedBytes) / 1_000_000
  console.log(
    `Payload: ${megabytes(archiveBytes)} MB app.asar + ${megabytes(unpackedBytes)} MB unpacked = ${payload.toFixed(1)} MB (budget ${PAYLOAD_BUDGET_MB} MB)`,
  )
  check(
    payload <= PAYLOAD_BUDGET_MB,
    'within the budget',
    `the payload is ${payload.toFixed(1)} MB, over the ${PAYLOAD_BUDGET_MB} MB budget`,
  )
} catch (error) {
  check(false, '', (error as Error).message)
} finally {
  rmSync(work, { recursive: true, force: true })
}

if (problems.length > 0) {
  console.error(`Packaging check: FAILED (${problems.length})`)
  process.exit(1)
}
console.log('Packaging check: passed')
