// Loaded with `node --import`: resolves 'electron' to the stub, for import and require alike.
import { registerHooks } from 'node:module'

const stub = new URL('./electron.cjs', import.meta.url).href

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: stub, format: 'commonjs', shortCircuit: true }
    return nextResolve(specifier, context)
  },
})
