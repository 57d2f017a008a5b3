// A stand-in for the 'electron' module, so the built main bundle can be loaded in plain Node (the real
// package would try to download the runtime). Every API is a no-op that records its name.
// ELECTRON_STUB_LOCK=held: another instance holds the lock, so the app should quit at once.
// Otherwise the app starts for real (database, IPC, protocols) and the stub exits once a window is made.
// ELECTRON_STUB_INVOKE='[[channel, input], …]': before exiting, the stub makes these calls in order through
// the registered `catalog:invoke` handler, as the app's own page would, and prints one line per answer:
// {"invoke":channel,"envelope":…}.
const calls = []
const report = () => process.stdout.write(`${JSON.stringify(calls)}\n`)
const lockHeld = process.env.ELECTRON_STUB_LOCK === 'held'
const invocations = JSON.parse(process.env.ELECTRON_STUB_INVOKE ?? '[]')
// The handlers main registers with ipcMain.handle, by channel.
const handlers = new Map()
// The sender a call from the app's own top-level page has (APP_ENTRY_URL in src-main/app/renderer-origins.ts).
const trustedEvent = { senderFrame: { url: 'app://catalog/index.html', parent: null } }

async function invokeAndExit() {
  for (const [channel, input] of invocations) {
    const envelope = await handlers.get('catalog:invoke')(trustedEvent, channel, input)
    process.stdout.write(`${JSON.stringify({ invoke: channel, envelope })}\n`)
  }
  report()
  process.exit(0)
}

const recorder = (path) =>
  new Proxy(function stub() {}, {
    get(_target, key) {
      if (key === 'then') return undefined
      if (typeof key === 'symbol') return undefined
      return recorder(`${path}.${key}`)
    },
    apply(_target, _this, args) {
      // A channel or scheme name says which handler was registered.
      calls.push(typeof args[0] === 'string' ? `${path}:${args[0]}` : path)
      return recorder(`${path}()`)
    },
    construct() {
      calls.push(`new ${path}`)
      if (path === 'BrowserWindow') setTimeout(invokeAndExit, 50)
      return recorder(`new ${path}`)
    },
  })

const app = new Proxy(recorder('app'), {
  get(target, key) {
    if (key === 'isPackaged') return true
    if (key === 'requestSingleInstanceLock')
      return () => {
        calls.push('app.requestSingleInstanceLock')
        return !lockHeld
      }
    if (key === 'whenReady')
      return () => {
        calls.push('app.whenReady')
        return Promise.resolve()
      }
    if (key === 'quit')
      return () => {
        calls.push('app.quit')
        report()
      }
    return target[key]
  },
})

exports.app = app
exports.BrowserWindow = recorder('BrowserWindow')
exports.Menu = recorder('Menu')
exports.dialog = recorder('dialog')
exports.ipcMain = new Proxy(recorder('ipcMain'), {
  get(target, key) {
    if (key === 'handle')
      return (channel, handler) => {
        calls.push(`ipcMain.handle:${channel}`)
        handlers.set(channel, handler)
      }
    return target[key]
  },
})
exports.net = recorder('net')
exports.protocol = recorder('protocol')
exports.screen = recorder('screen')
exports.session = recorder('session')
exports.shell = recorder('shell')
