import { afterEach, expect, test, vi } from 'vitest'
import { mediaUrl } from './media-url.ts'

const storedUrl = `media://files/${'ab'.repeat(32)}`

afterEach(() => {
  vi.unstubAllGlobals()
})

test('in the harness a stored file is fetched from its HTTP media path', () => {
  vi.stubGlobal('window', { catalogMediaBase: '/media/' })
  expect(mediaUrl(storedUrl)).toBe(`/media/files/${'ab'.repeat(32)}`)
})

test('in Electron, where the bridge names no media base, the media:// url is used as it is', () => {
  vi.stubGlobal('window', {})
  expect(mediaUrl(storedUrl)).toBe(storedUrl)
})

test('a thumbnail maps the same way: it is a path under its blob', () => {
  vi.stubGlobal('window', { catalogMediaBase: '/media/' })
  expect(mediaUrl(`${storedUrl}/thumb`)).toBe(`/media/files/${'ab'.repeat(32)}/thumb`)
  vi.stubGlobal('window', {})
  expect(mediaUrl(`${storedUrl}/thumb`)).toBe(`${storedUrl}/thumb`)
})
