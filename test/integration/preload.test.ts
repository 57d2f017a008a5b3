import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CatalogBridge } from '../../src-shared/bridge.ts'

// The real electron module would try to download the runtime; the preload only needs these two.
const electron = vi.hoisted(() => {
  type IpcListener = (event: unknown, ...args: unknown[]) => void
  const ipcListeners = new Map<string, Set<IpcListener>>()
  return {
    exposed: new Map<string, unknown>(),
    ipcListeners,
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        electron.exposed.set(key, api)
      },
    },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'answer' })),
      on: vi.fn((channel: string, listener: IpcListener) => {
        if (!ipcListeners.has(channel)) ipcListeners.set(channel, new Set())
        ipcListeners.get(channel)?.add(listener)
      }),
      removeListener: vi.fn((channel: string, listener: IpcListener) => {
        ipcListeners.get(channel)?.delete(listener)
      }),
    },
  }
})

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }))

const fakeIpcEvent = { sender: 'the IpcRendererEvent, which must never reach the page' }

/** Delivers a push event the way main's webContents.send would. */
const pushFromMain = (name: string, payload: unknown) => {
  for (const listener of electron.ipcListeners.get('catalog:event') ?? [])
    listener(fakeIpcEvent, name, payload)
}

let bridge: CatalogBridge

beforeAll(async () => {
  await import('../../src-main/preload/index.ts')
  bridge = electron.exposed.get('catalog') as CatalogBridge
})

beforeEach(() => {
  electron.ipcRenderer.invoke.mockClear()
})

describe('the preload bridge', () => {
  it('exposes exactly window.catalog with exactly invoke and on', () => {
    expect([...electron.exposed.keys()]).toEqual(['catalog'])
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on'])
    expect(typeof bridge.invoke).toBe('function')
    expect(typeof bridge.on).toBe('function')
  })

  it('listens on no IPC channel but catalog:event', () => {
    expect([...electron.ipcListeners.keys()]).toEqual(['catalog:event'])
  })

  it('refuses a channel outside the contract without touching IPC', async () => {
    for (const channel of ['system:exec', 'constructor', '__proto__', 'toString', '', 42, null]) {
      const answer = await bridge.invoke(channel as string, {})
      expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } })
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
  })

  it('answers a channel that is not text with an envelope, even one whose toString is hostile', async () => {
    const hostile = [{ toString: 1 }, { toString: () => 'movies:list' }, Symbol('movies:list'), () => 1]
    for (const channel of hostile) {
      const answer = bridge.invoke(channel as never, {})
      expect(answer).toBeInstanceOf(Promise)
      expect(await answer).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/^\(\w+\) is not a catalogue call\.$/) },
      })
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled()
  })

  it('turns an IPC call that throws at once into an error envelope too', async () => {
    electron.ipcRenderer.invoke.mockImplementationOnce(() => {
      throw new TypeError('An object could not be cloned.')
    })
    await expect(bridge.invoke('movies:list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'An object could not be cloned.' },
    })
  })

  it('forwards a contract call as (channel, input) on catalog:invoke and returns main’s envelope', async () => {
    const input = { limit: 20 }
    await expect(bridge.invoke('movies:list', input)).resolves.toEqual({ ok: true, value: 'answer' })
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(
      'catalog:invoke',
      'movies:list',
      input,
    )
  })

  it('turns a rejected IPC call into an error envelope instead of rejecting', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'))
    await expect(bridge.invoke('movies:list', { bad: () => 1 })).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'An object could not be cloned.' },
    })
  })

  it('refuses to subscribe to an event outside the contract', () => {
    expect(() => bridge.on('system:shutdown', () => {})).toThrow(TypeError)
    expect(() => bridge.on('__proto__', () => {})).toThrow(TypeError)
  })

  it('hands the page listener only the payload, never the IPC event', () => {
    const listener = vi.fn()
    const unsubscribe = bridge.on('data:changed', listener)
    pushFromMain('data:changed', { domains: ['movies'] })
    expect(listener).toHaveBeenCalledExactlyOnceWith({ domains: ['movies'] })
    unsubscribe()
  })

  it('delivers an event only to listeners of that event, and ignores names outside the contract', () => {
    const onChanged = vi.fn()
    const onProgress = vi.fn()
    const offChanged = bridge.on('data:changed', onChanged)
    const offProgress = bridge.on('task:progress', onProgress)
    pushFromMain('task:progress', { taskId: 't', done: 1, total: 2, label: 'Importing' })
    pushFromMain('system:owned', { evil: true })
    expect(onChanged).not.toHaveBeenCalled()
    expect(onProgress).toHaveBeenCalledOnce()
    offChanged()
    offProgress()
  })

  it('stops calling a listener once unsubscribed, leaving other subscriptions alone', () => {
    const first = vi.fn()
    const second = vi.fn()
    const offFirst = bridge.on('data:changed', first)
    const offSecond = bridge.on('data:changed', second)
    offFirst()
    offFirst()
    pushFromMain('data:changed', { domains: ['people'] })
    expect(first).not.toHaveBeenCalled()
    expect(second).toHaveBeenCalledOnce()
    offSecond()
  })

  it('keeps delivering to other listeners when one throws', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    const healthy = vi.fn()
    const offBroken = bridge.on('data:changed', () => {
      throw new Error('view crashed')
    })
    const offHealthy = bridge.on('data:changed', healthy)
    pushFromMain('data:changed', { domains: ['genres'] })
    expect(healthy).toHaveBeenCalledOnce()
    expect(consoleError).toHaveBeenCalledOnce()
    offBroken()
    offHealthy()
    consoleError.mockRestore()
  })
})
