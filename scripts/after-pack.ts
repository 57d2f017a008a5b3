// electron-builder's afterPack hook: a package without its target's native binaries would install fine
// and then fail at its first start, so the build stops here instead and says how to add them.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type AfterPackContext, Arch } from 'electron-builder'
import { installCommandFor, nativeBinariesFor, type Target } from './native-binaries.ts'

export default function afterPack(context: AfterPackContext): void {
  const target: Target = {
    // Mac App Store builds run the darwin binaries.
    platform: context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName,
    arch: Arch[context.arch],
  }
  const unpacked = join(context.packager.getResourcesDir(context.appOutDir), 'app.asar.unpacked')
  const missing = nativeBinariesFor(target).filter((path) => !existsSync(join(unpacked, path)))
  if (missing.length > 0) {
    throw new Error(
      `The ${target.platform}-${target.arch} package lacks native binaries it needs: ${missing.join(', ')}. ` +
        `Add them to node_modules with \`${installCommandFor(target, context.packager.projectDir)}\`, then package again.`,
    )
  }
}
