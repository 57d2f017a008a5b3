import { mkdtemp, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { CatalogBridge } from '../../src-shared/bridge.ts'
import { TOKEN_HEADER } from '../harness/bridge-config.ts'
import { type Harness, startHarness } from '../harness/harness.ts'
import { launchChromium } from './support/app-browser.ts'

let dataDir: string
let harness: Harness
let browser: Browser

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'catalog-e2e-'))
  harness = await startHarness({ dataDir })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await harness?.close()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** A fresh tab that records every script error and console error (a CSP violation is one). */
async function openApp(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  await page.goto(harness.url)
  return { page, problems }
}

type RawResponse = { status: number; body: string; type: string | undefined }

// node:http rather than fetch: these checks send a forged Origin or Host and paths no URL parser would leave as they are.
const rawRequest = (
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  new Promise<RawResponse>((resolve, reject) => {
    const { hostname, port } = new URL(harness.url)
    const call = request(
      { hostname, port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          body += chunk
        })
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, type: response.headers['content-type'] }),
        )
      },
    )
    call.on('error', reject)
    call.end(options.body)
  })

describe('the bridge and routes in Chromium', () => {
  test('the page gets only invoke and on from the bridge', async () => {
    const { page } = await openApp()
    const bridge = await page.evaluate(() => {
      const catalog = (window as unknown as { catalog: object }).catalog
      return { keys: Object.keys(catalog).sort(), frozen: Object.isFrozen(catalog) }
    })
    expect(bridge).toEqual({ keys: ['invoke', 'on'], frozen: true })
    // It refuses what the Electron preload refuses, the same way.
    const refusals = await page.evaluate(async () => {
      const catalog = (window as unknown as { catalog: CatalogBridge }).catalog
      const unknownCall = await catalog.invoke('movies:explode', {})
      let unknownEvent = ''
      try {
        catalog.on('secrets:leaked', () => {})
      } catch (error) {
        unknownEvent = (error as Error).name
      }
      return { unknownCall, unknownEvent }
    })
    expect(refusals).toEqual({
      unknownCall: {
        ok: false,
        error: { code: 'FORBIDDEN', message: '"movies:explode" is not a catalogue call.' },
      },
      unknownEvent: 'TypeError',
    })
    await page.close()
  })

  test('the bridge answers every call with an envelope, and carries what JSON alone would change', async () => {
    const { page, problems } = await openApp()
    // The app has started (a new catalogue greets its first profile), so the bridge is in place.
    await page.getByRole('heading', { name: 'Welcome' }).waitFor()
    const answers = await page.evaluate(async () => {
      const catalog = (window as unknown as { catalog: CatalogBridge }).catalog
      const created = await catalog.invoke('movies:create', { title: 'Mon Oncle', budget: 1_000_000 })
      if (!created.ok) throw new Error(created.error.message)
      const id = (created.value as { id: number }).id
      const cyclic: Record<string, unknown> = { title: 'Loop' }
      cyclic.self = cyclic
      const settle = async (call: () => Promise<unknown>) => {
        try {
          return { answered: await call() }
        } catch (error) {
          return { threw: String(error) }
        }
      }
      return {
        // JSON would turn NaN into null and clear the budget; the bridge carries it, main refuses it.
        notANumber: await settle(() => catalog.invoke('movies:update', { id, budget: Number.NaN })),
        infinite: await settle(() => catalog.invoke('movies:list', { limit: Number.POSITIVE_INFINITY })),
        hostileChannel: await settle(() => catalog.invoke({ toString: 1 } as never, {})),
        cyclicInput: await settle(() => catalog.invoke('movies:create', cyclic)),
        budget: await catalog.invoke('movies:get', { id }),
      }
    })
    expect(answers.notANumber).toEqual({
      answered: {
        ok: false,
        error: {
          code: 'VALIDATION',
          message: 'budget: Must be a finite number.',
          issues: [{ path: ['budget'], message: 'Must be a finite number.' }],
        },
      },
    })
    expect(answers.infinite).toMatchObject({
      answered: { ok: false, error: { code: 'VALIDATION', issues: [{ path: ['limit'] }] } },
    })
    expect(answers.hostileChannel).toEqual({
      answered: { ok: false, error: { code: 'FORBIDDEN', message: '(object) is not a catalogue call.' } },
    })
    expect(answers.cyclicInput).toEqual({
      answered: { ok: false, error: { code: 'VALIDATION', message: 'The input is not plain data.' } },
    })
    expect(answers.budget).toMatchObject({ ok: true, value: { title: 'Mon Oncle', budget: 1_000_000 } })
    expect(problems).toEqual([])
    await page.close()
  })

  test('a deep link loads the app, assets and all, as app:// serves it', async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(new URL('/movies/42', harness.url).href)
    // A new catalogue greets its first profile, whatever route was asked for.
    await page.getByRole('heading', { name: 'Welcome' }).waitFor({ timeout: 10_000 })
    expect(problems).toEqual([])
    await page.close()
  })
})

describe('the harness server', () => {
  const rpc = (headers: Record<string, string>, method = 'POST') =>
    rawRequest('/rpc', {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify({ channel: 'movies:list', input: {} }) : undefined,
    })

  // Only the page the harness served learns the per-run token, from the bridge script's data.
  const token = async () => {
    const script = await rawRequest('/bridge.js')
    const match = /"token":"([^"]+)"/.exec(script.body)
    if (!match?.[1]) throw new Error('The bridge script carries no token.')
    return match[1]
  }

  test('answers /rpc for its own page, and refuses a call without the token, from another origin or host', async () => {
    const origin = new URL(harness.url).origin
    const good = { 'Content-Type': 'application/json', Origin: origin, [TOKEN_HEADER]: await token() }

    const answered = await rpc(good)
    expect(answered.status).toBe(200)
    expect(JSON.parse(answered.body)).toMatchObject({ ok: true, value: { items: expect.any(Array) } })

    const { [TOKEN_HEADER]: _token, ...withoutToken } = good
    expect((await rpc(withoutToken)).status).toBe(403)
    expect((await rpc({ ...good, [TOKEN_HEADER]: 'guessed' })).status).toBe(403)
    expect((await rpc({ ...good, Origin: 'http://evil.example' })).status).toBe(403)
    expect((await rpc({ ...good, Host: `localhost:${new URL(harness.url).port}` })).status).toBe(403)
    expect((await rpc({ ...good, 'Content-Type': 'text/plain' })).status).toBe(403)
    expect((await rpc(good, 'GET')).status).toBe(403)
  })

  test('answers every /rpc request with an envelope, whatever is wrong with it', async () => {
    const origin = new URL(harness.url).origin
    const good = { 'Content-Type': 'application/json', Origin: origin, [TOKEN_HEADER]: await token() }
    const post = (body: string, headers: Record<string, string> = good) =>
      rawRequest('/rpc', { method: 'POST', headers, body })
    const cases: [string, Promise<RawResponse>, number, string][] = [
      [
        'a channel whose toString is not a function',
        post('{"channel":{"toString":1},"input":{}}'),
        200,
        'NOT_FOUND',
      ],
      ['a channel that is an array', post('{"channel":["movies:list"],"input":{}}'), 200, 'NOT_FOUND'],
      ['a body that is an array', post('[1,2]'), 200, 'NOT_FOUND'],
      ['a body that is not JSON', post('{"channel":'), 400, 'VALIDATION'],
      ['a body that is JSON null', post('null'), 400, 'VALIDATION'],
      ['a call without the token', post('{}', { ...good, [TOKEN_HEADER]: 'guessed' }), 403, 'FORBIDDEN'],
      [
        'a call with another method',
        rawRequest('/rpc', { method: 'PUT', headers: good, body: '{}' }),
        403,
        'FORBIDDEN',
      ],
      [
        'a body over the limit',
        rawRequest('/rpc', {
          method: 'POST',
          headers: { ...good, 'Content-Length': String(41 * 1024 * 1024) },
        }),
        413,
        'VALIDATION',
      ],
    ]
    for (const [why, answer, status, code] of cases) {
      const { status: actual, body, type } = await answer
      expect({ why, status: actual, type }).toEqual({ why, status, type: 'application/json; charset=utf-8' })
      expect(JSON.parse(body), why).toEqual({ ok: false, error: { code, message: expect.any(String) } })
    }
  })

  test('streams events only to its own page: the token is required and cross-site requests are refused', async () => {
    expect((await rawRequest('/events')).status).toBe(403)
    expect((await rawRequest('/events?token=guessed')).status).toBe(403)
    const crossSite = { 'Sec-Fetch-Site': 'cross-site' }
    expect((await rawRequest(`/events?token=${await token()}`, { headers: crossSite })).status).toBe(403)
    expect((await rawRequest('/bridge.js', { headers: crossSite })).status).toBe(403)
  })

  test('serves a stored image on the page’s own origin under /media/files/, with its type and strict headers', async () => {
    const origin = new URL(harness.url).origin
    const headers = { 'Content-Type': 'application/json', Origin: origin, [TOKEN_HEADER]: await token() }
    const onePixelPng =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
    const upload = await rawRequest('/rpc', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        channel: 'files:upload',
        input: { fileName: 'pixel.png', dataBase64: onePixelPng },
      }),
    })
    const { value: file } = JSON.parse(upload.body) as { value: { url: string; size: number } }
    expect(file.url).toMatch(/^media:\/\/files\/[0-9a-f]{64}$/)

    const { page } = await openApp()
    const served = await page.evaluate(async (url) => {
      const response = await fetch(url.replace('media://files/', '/media/files/'))
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        policy: response.headers.get('content-security-policy'),
        resourcePolicy: response.headers.get('cross-origin-resource-policy'),
        nosniff: response.headers.get('x-content-type-options'),
        size: (await response.arrayBuffer()).byteLength,
      }
    }, file.url)
    expect(served).toEqual({
      status: 200,
      type: 'image/png',
      policy: "default-src 'none'; sandbox",
      resourcePolicy: 'same-origin',
      nosniff: 'nosniff',
      size: file.size,
    })
    await page.close()
  })

  test('serves nothing outside the built renderer and the file store', async () => {
    // out/renderer/../../package.json is the project's package.json: there if the guard fails.
    expect((await rawRequest('/..%2F..%2Fpackage.json')).status).toBe(404)
    expect((await rawRequest('/../../package.json')).status).toBe(404)
    expect((await rawRequest('/media/files/..%2F..%2Fcatalog.sqlite')).status).toBe(404)
    expect((await rawRequest(`/media/files/${'0'.repeat(64)}`)).status).toBe(404)
    // A folder is no file: like any client-side route it gets the page, never a listing.
    const folder = await rawRequest('/assets/')
    expect(folder.body).toContain('<div id="root">')
    expect(folder.body).not.toMatch(/index-[\w-]+\.js"?\s*<\/a>/)
  })
})
