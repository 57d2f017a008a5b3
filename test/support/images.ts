import sharp from 'sharp'

/** Real images made on the spot, so the tests upload what a person would. */

type Format = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif'

/** A plain image of one colour in `format`. */
export const solidImage = (format: Format, width: number, height: number, colour = '#c0392b') =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .toFormat(format)
    .toBuffer()

/** A JPEG as a phone writes one: stored sideways with an EXIF orientation, and metadata naming its owner. */
export const phoneJpeg = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#2980b9' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Copyright: 'owner-name-in-metadata', Artist: 'owner-name-in-metadata' } })
    .toBuffer()

/** A two-frame animated GIF, red then blue, 100 ms and 250 ms, looping forever. */
export const animatedGif = async (width = 8, height = 8) => {
  const frame = (background: string) =>
    sharp({ create: { width, height, channels: 4, background } })
      .png()
      .toBuffer()
  return sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
    .gif({ delay: [100, 250], loop: 0 })
    .toBuffer()
}

/** The same two frames as an animated WebP. */
export const animatedWebp = async (width = 8, height = 8) =>
  sharp(await animatedGif(width, height), { animated: true })
    .webp()
    .toBuffer()

/** A PNG that is also an HTML page: a script in its metadata, and a page after its last chunk. */
export const polyglotPng = async () => {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#27ae60' } })
    .png()
    .withExif({ IFD0: { ImageDescription: '<script>alert("in metadata")</script>' } })
    .toBuffer()
  return Buffer.concat([png, Buffer.from('<html><body><script>alert("after IEND")</script></body></html>')])
}

/** What sharp reads from stored bytes: format, size, frames. */
export const describeImage = async (bytes: Uint8Array) => {
  const { format, width, height, pages, delay, loop, pageHeight, exif, icc, xmp, iptc, compression } =
    await sharp(bytes, { animated: true }).metadata()
  return {
    format,
    compression,
    width,
    height: pageHeight ?? height,
    pages: pages ?? 1,
    delay,
    loop,
    hasMetadata: Boolean(exif || icc || xmp || iptc),
  }
}
