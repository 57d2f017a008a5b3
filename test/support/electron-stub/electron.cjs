// A stand-in for the 'electron' module, so the built main bundle can be loaded in plain Node (the real
// package would try to download the runtime). Every API is a no-op that records its name.
// ELECTRON_STUB_LOCK=held: another instance holds the lock, so the app should quit at once.
// Otherwise the app starts for real (database, IPC, protocols) and the stub exits once a window is made.
const calls = []
const report = () => process.stdout.write(`${JSON.stringify(calls)}\n`)
const lockHeld = process.env.ELECTRON_STUB_LOCK === 'held'

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
      if (path === 'BrowserWindow') {
        setTimeout(() => {
          report()
          process.exit(0)
        }, 50)
      }
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
exports.ipcMain = recorder('ipcMain')
exports.net = recorder('net')
exports.protocol = recorder('protocol')
exports.screen = recorder('screen')
exports.session = recorder('session')
exports.shell = recorder('shell')
