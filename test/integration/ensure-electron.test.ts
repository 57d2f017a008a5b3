import { spawn } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const script = join(root, 'scripts', 'ensure-electron.ts')

/**
 * A project holding a copy of the electron package (so the test never writes into the real one) and
 * links to the downloader it runs, as `npm ci` would lay them out.
 */
async function makeProject(): Promise<{ dir: string; electronDir: string; cache: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ensure-electron-'))
  const electronDir = join(dir, 'node_modules', 'electron')
  await mkdir(electronDir, { recursive: true })
  for (const file of ['package.json', 'install.js', 'checksums.json']) {
    await cp(join(root, 'node_modules', 'electron', file), join(electronDir, file))
  }
  for (const dependency of ['@electron/get', '@electron-internal/extract-zip']) {
    await mkdir(join(dir, 'node_modules', dependency, '..'), { recursive: true })
    await symlink(join(root, 'node_modules', dependency), join(dir, 'node_modules', dependency))
  }
  await writeFile(join(dir, 'package.json'), '{"name":"project","private":true}')
  return { dir, electronDir, cache: join(dir, 'electron-cache') }
}

/** The environment minus anything that would send the download elsewhere than the test says. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/proxy|^ELECTRON_|^npm_config_electron|^electron_config/i.test(name),
    ),
  )
}

function runScript(
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Listens on a free local port; `onConnection` decides what a connecting client gets. */
async function listen(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onConnection)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { server, port: address.port }
}

/** A port on which nothing listens: taken, then released. */
async function closedPort(): Promise<number> {
  const { server, port } = await listen((socket) => socket.destroy())
  await new Promise((resolve) => server.close(resolve))
  return port
}

function expectOneClearMessage(stderr: string) {
  expect(stderr).toMatch(/^Could not download the Electron runtime from .+: .+\.$/m)
  expect(stderr).toContain('HTTPS_PROXY')
  expect(stderr).toContain('ELECTRON_MIRROR')
  expect(stderr).toContain('npm run harness -- --data-dir <dir>')
  // No stack trace, no error class names: words only, four lines.
  expect(stderr).not.toMatch(/^\s+at /m)
  expect(stderr).not.toMatch(/\w+Error\b/)
  expect(stderr.trim().split('\n')).toHaveLength(4)
}

describe('fetching the Electron runtime before the first start', () => {
  let project: Awaited<ReturnType<typeof makeProject>>

  beforeEach(async () => {
    project = await makeProject()
  })

  afterEach(async () => {
    await rm(project.dir, { recursive: true, force: true })
  })

  async function leftBehind(): Promise<string[]> {
    const inPackage = (await readdir(project.electronDir)).filter((name) =>
      ['path.txt', 'dist'].includes(name),
    )
    const inCache = await readdir(project.cache, { recursive: true }).catch(() => [])
    return [...inPackage, ...inCache.filter((name) => name.endsWith('.zip'))]
  }

  it('when the download host cannot be reached, says so in words, names the harness, and leaves nothing half-installed', async () => {
    const port = await closedPort()
    const result = await runScript(project.dir, {
      ...cleanEnvironment(),
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: project.cache,
    })

    expect(result.code).toBe(1)
    expect(result.stdout).toContain('Downloading the Electron')
    expect(result.stderr).toContain(
      `from http://127.0.0.1:${port}/: the download server could not be reached.`,
    )
    expectOneClearMessage(result.stderr)
    expect(await leftBehind()).toEqual([])
  })

  it("goes through the proxy npm is configured with, and reports the proxy's refusal the same way", async () => {
    const requests: string[] = []
    const { server, port } = await listen((socket) => {
      socket.once('data', (data: Buffer) => {
        requests.push(data.toString().split('\r\n')[0] ?? '')
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      })
    })
    try {
      const result = await runScript(project.dir, {
        ...cleanEnvironment(),
        npm_config_https_proxy: `http://127.0.0.1:${port}`,
        electron_config_cache: project.cache,
      })

      expect(requests).toEqual(['CONNECT github.com:443 HTTP/1.1'])
      expect(result.code).toBe(1)
      expectOneClearMessage(result.stderr)
      expect(await leftBehind()).toEqual([])
    } finally {
      server.close()
    }
  })

  it('does nothing when the runtime is already there', async () => {
    await mkdir(join(project.electronDir, 'dist'))
    await writeFile(join(project.electronDir, 'dist', 'electron'), '')
    await writeFile(join(project.electronDir, 'path.txt'), 'electron')
    // Any download attempt would fail on this closed port and exit non-zero.
    const result = await runScript(project.dir, {
      ...cleanEnvironment(),
      ELECTRON_MIRROR: `http://127.0.0.1:${await closedPort()}/`,
      electron_config_cache: project.cache,
    })

    expect(result).toEqual({ code: 0, stdout: '', stderr: '' })
  })
})
