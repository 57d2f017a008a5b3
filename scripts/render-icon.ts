// Renders resources/icon.svg to resources/icon.png at 1024 × 1024, the size macOS wants; electron-builder
// derives every platform's icon from that PNG. Run after changing the SVG: npm run icon
import { join } from 'node:path'
import sharp from 'sharp'

const SIZE = 1024
const resources = join(import.meta.dirname, '..', 'resources')
const source = join(resources, 'icon.svg')
const { width = SIZE } = await sharp(source).metadata()
// Rasterised at the density that yields SIZE pixels, so edges are drawn sharp rather than scaled up.
await sharp(source, { density: (72 * SIZE) / width })
  .resize(SIZE, SIZE)
  .png({ compressionLevel: 9 })
  .toFile(join(resources, 'icon.png'))
console.log(`resources/icon.png: ${SIZE} × ${SIZE}`)
