import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { FileStore } from '../../src-main/files/file-store.ts'
import { prepareImage } from '../../src-main/files/image-intake.ts'

type Handler = (request: Request) => Promise<Response>

const electron = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  privileged: [] as unknown[],
}))

// net.fetch is Chromium's file loader in the app; here it reads the file and names a type like it would.
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
    handle: (scheme: string, handler: Handler) => electron.handlers.set(scheme, handler),
  },
  net: {
    fetch: vi.fn(async (url: string) => {
      const file = fileURLToPath(url)
      const type = file.endsWith('.html') ? 'text/html' : 'text/javascript'
      return new Response(fs.readFileSync(file), { headers: { 'Content-Type': type } })
    }),
  },
}))

const { registerPrivilegedSchemes, registerProtocolHandlers } = await import(
  '../../src-main/app/protocols.ts'
)
const { realPathInsideRoot, resolveInsideRoot } = await import('../../src-main/serving/safe-path.ts')
const { CONTENT_SECURITY_POLICY } = await import('../../src-main/serving/content-security-policy.ts')

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

let temp: string
let root: string
let outside: string

beforeAll(() => {
  temp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shell-protocols-')))
  root = path.join(temp, 'renderer')
  outside = path.join(temp, 'outside')
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true })
  fs.mkdirSync(outside)
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Film Catalogue</title>')
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("app")')
  fs.writeFileSync(path.join(root, 'assets', 'two words.js'), '')
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret')
  fs.symlinkSync(outside, path.join(root, 'linked-dir'))
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'linked-secret.txt'))
  fs.symlinkSync(path.join(root, 'assets'), path.join(root, 'assets-alias'))
})

afterAll(() => {
  fs.rmSync(temp, { recursive: true, force: true })
})

describe('resolveInsideRoot', () => {
  it.each([
    ['a parent segment', '../outside/secret.txt'],
    ['a parent segment after a folder', 'assets/../../outside/secret.txt'],
    ['a lone parent segment', '..'],
    ['an encoded parent segment', '%2e%2e/outside/secret.txt'],
    ['an upper-case encoded parent and separator', '%2E%2E%2Foutside%2Fsecret.txt'],
    ['a parent segment with an encoded separator', '..%2foutside/secret.txt'],
    ['an encoded separator alone', 'assets%2Fapp.js'],
    ['an encoded backslash', '..%5coutside%5csecret.txt'],
    ['a backslash', '..\\outside\\secret.txt'],
    ['an absolute path', '/etc/passwd'],
    ['an encoded absolute path', '%2Fetc%2Fpasswd'],
    ['a Windows drive path', 'C:/Windows/win.ini'],
    ['an encoded NUL byte', 'index.html%00.png'],
    ['a raw NUL byte', 'index.html\0.png'],
    ['a Windows-style dotted parent', '.. /outside/secret.txt'],
    ['three dots', '.../secret.txt'],
    ['malformed percent-encoding', '%E0%A4%A'],
    ['a symlinked folder that leads outside', 'linked-dir/secret.txt'],
    ['a symlinked file that leads outside', 'linked-secret.txt'],
    ['a missing file under a symlink that leads outside', 'linked-dir/missing.js'],
  ])('refuses %s', (_why, requestPath) => {
    expect(resolveInsideRoot(root, requestPath)).toBeNull()
  })

  it('accepts a nested file and returns its real path', () => {
    expect(resolveInsideRoot(root, 'assets/app.js')).toBe(path.join(root, 'assets', 'app.js'))
  })

  it('decodes ordinary percent-encoding', () => {
    expect(resolveInsideRoot(root, 'assets/two%20words.js')).toBe(path.join(root, 'assets', 'two words.js'))
  })

  it('follows a symlink that stays inside the root', () => {
    expect(resolveInsideRoot(root, 'assets-alias/app.js')).toBe(path.join(root, 'assets', 'app.js'))
  })

  it('maps the empty path to the root itself and a missing route to a path inside the root', () => {
    expect(resolveInsideRoot(root, '')).toBe(root)
    expect(resolveInsideRoot(root, 'movies/42')).toBe(path.join(root, 'movies', '42'))
  })

  it('refuses everything when the root does not exist', () => {
    expect(resolveInsideRoot(path.join(temp, 'no-such-root'), 'index.html')).toBeNull()
  })
})

describe('realPathInsideRoot', () => {
  it('refuses a candidate outside the root, lexically or through a symlink', () => {
    expect(realPathInsideRoot(root, path.join(outside, 'secret.txt'))).toBeNull()
    expect(realPathInsideRoot(root, path.join(root, 'linked-secret.txt'))).toBeNull()
    expect(realPathInsideRoot(root, path.join(root, 'assets', 'app.js'))).toBe(
      path.join(root, 'assets', 'app.js'),
    )
  })
})

describe('privileged schemes', () => {
  it('registers the app scheme once, with the privileges it needs, and no other', () => {
    registerPrivilegedSchemes()
    expect(electron.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })
})

describe('protocol handlers', () => {
  let store: FileStore
  let pngKey: string

  beforeAll(async () => {
    store = new FileStore(path.join(temp, 'files'))
    pngKey = (await store.put(await prepareImage(PNG_1X1))).key
    registerProtocolHandlers({ rendererDir: root, fileStore: store })
  })

  const get = (url: string) => {
    const scheme = new URL(url).protocol.slice(0, -1)
    const handler = electron.handlers.get(scheme)
    if (!handler) throw new Error(`no handler for ${scheme}`)
    return handler(new Request(url))
  }

  it('serves a renderer file with the Content-Security-Policy attached', async () => {
    const response = await get('app://catalog/assets/app.js')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('console.log("app")')
    // The type comes from the serving module's table, as the harness sends it, not from Chromium's file loader.
    expect(response.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
  })

  it('answers client-side routes and the bare origin with index.html', async () => {
    for (const url of ['app://catalog/', 'app://catalog/movies/42', 'app://catalog/people']) {
      const response = await get(url)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<title>Film Catalogue</title>')
    }
  })

  it('answers 404 for a missing asset, a foreign host and an escape attempt', async () => {
    for (const url of [
      'app://catalog/assets/missing.js',
      'app://elsewhere/index.html',
      'app://catalog/linked-secret.txt',
      'app://catalog/linked-dir/secret.txt',
      'app://catalog/..%2foutside/secret.txt',
    ]) {
      expect((await get(url)).status, url).toBe(404)
    }
  })

  it('serves a stored image with the type its bytes show, in a sandbox, to its own origin only', async () => {
    const response = await get(`app://catalog/media/files/${pngKey}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/png')
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    // Opened as a page, an image runs nothing and loads nothing; no other site may embed it.
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox")
    expect(response.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin')
    expect(Buffer.from(await response.arrayBuffer())).toEqual(await store.read(pngKey))
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
  })

  it('serves a blob’s thumbnail at <key>/thumb, with the same strict headers', async () => {
    const response = await get(`app://catalog/media/files/${pngKey}/thumb`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/webp')
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'; sandbox")
    expect(response.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin')
    expect(Buffer.from(await response.arrayBuffer())).toEqual(fs.readFileSync(store.thumbnailPathOf(pngKey)))
  })

  it('serves the full image as the thumbnail of a blob stored before thumbnails existed', async () => {
    // An upload from an earlier version: the original bytes under their hash, no thumbnail beside them.
    const legacy = Buffer.concat([PNG_1X1, Buffer.from('legacy')])
    const key = createHash('sha256').update(legacy).digest('hex')
    fs.mkdirSync(path.dirname(store.pathOf(key)), { recursive: true })
    fs.writeFileSync(store.pathOf(key), legacy)

    const response = await get(`app://catalog/media/files/${key}/thumb`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/png')
    // Not cached for long: it is a stand-in under the thumbnail's name.
    expect(response.headers.get('Cache-Control')).toBe('no-cache')
    expect(Buffer.from(await response.arrayBuffer())).toEqual(legacy)
    for (const url of [
      `app://catalog/media/files/${key}/thumb/x`,
      `app://catalog/media/files/${key}/full`,
      `app://catalog/media/files/${key}/`,
    ]) {
      expect((await get(url)).status, url).toBe(404)
    }
  })

  it('answers 404 for a malformed key and an unknown key, with the same strict headers', async () => {
    for (const url of [
      'app://catalog/media/files/not-a-key',
      `app://catalog/media/files/..%2f..%2f${pngKey}`,
      `app://catalog/media/files/${'0'.repeat(64)}`,
    ]) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(response.headers.get('Content-Security-Policy'), url).toBe("default-src 'none'; sandbox")
      expect(response.headers.get('Cross-Origin-Resource-Policy'), url).toBe('same-origin')
      expect(response.headers.get('X-Content-Type-Options'), url).toBe('nosniff')
    }
  })

  it('serves images only from the app’s own host, which has no other scheme for them', async () => {
    expect((await get(`app://elsewhere/media/files/${pngKey}`)).status).toBe(404)
    expect([...electron.handlers.keys()]).toEqual(['app'])
  })

  it('refuses a blob path that a symlink leads out of the store', async () => {
    const key = 'ab'.repeat(32)
    fs.mkdirSync(path.join(store.rootDir, 'ab'), { recursive: true })
    fs.symlinkSync(path.join(outside, 'secret.txt'), store.pathOf(key))
    expect((await get(`app://catalog/media/files/${key}`)).status).toBe(404)
  })
})
