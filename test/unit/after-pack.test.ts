import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type AfterPackContext, Arch } from 'electron-builder'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import afterPack from '../../scripts/after-pack.ts'

const root = join(import.meta.dirname, '..', '..')

describe("the after-pack guard on a package's native binaries", () => {
  let resources: string

  beforeEach(async () => {
    resources = await mkdtemp(join(tmpdir(), 'after-pack-'))
  })

  afterEach(async () => {
    await rm(resources, { recursive: true, force: true })
  })

  /** What electron-builder hands the hook for an Intel macOS package whose resources are `resources`. */
  const intelMacPackage = () =>
    ({
      electronPlatformName: 'darwin',
      arch: Arch.x64,
      appOutDir: resources,
      packager: { getResourcesDir: () => resources, projectDir: root },
    }) as unknown as AfterPackContext

  async function unpack(...paths: string[]) {
    for (const path of paths) {
      const file = join(resources, 'app.asar.unpacked', path)
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, '')
    }
  }

  it("stops a build that lacks the target's sharp binaries, and says how to add them", async () => {
    await unpack('node_modules/better-sqlite3/prebuilds/darwin-x64.node')

    expect(() => afterPack(intelMacPackage())).toThrow(
      /darwin-x64 package lacks .*@img\/sharp-darwin-x64, .*@img\/sharp-libvips-darwin-x64.*npm install --no-save --force @img\/sharp-darwin-x64@\d+\.\d+\.\d+ @img\/sharp-libvips-darwin-x64@\d+\.\d+\.\d+/,
    )
  })

  it('lets a build with all of them through', async () => {
    await unpack(
      'node_modules/better-sqlite3/prebuilds/darwin-x64.node',
      'node_modules/@img/sharp-darwin-x64/package.json',
      'node_modules/@img/sharp-libvips-darwin-x64/package.json',
    )

    expect(() => afterPack(intelMacPackage())).not.toThrow()
  })
})
