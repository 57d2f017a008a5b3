import { fileTypeFromBuffer } from 'file-type'
import sharp, { type FormatEnum, type Metadata, type Sharp } from 'sharp'
import { AppError } from '../../src-shared/errors.ts'
import { ACCEPTED_IMAGE_TYPES, type AcceptedImageType } from './file-store.ts'

/** The largest upload accepted, in bytes. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024

/**
 * The most pixels an upload may have, read from its header before anything is decoded: about 134
 * megapixels, above any camera's photo, and a ceiling on the memory one decode can take (a small file can
 * claim a huge canvas).
 */
const MAX_INPUT_PIXELS = 2 ** 27

/**
 * The longest side a stored image keeps. A poster or photo is never shown larger than a 4K screen, and a
 * 6000 px camera original would only make every later read slower; smaller images are never enlarged.
 */
const MAX_STORED_SIDE = 4096

/**
 * The longest side of a thumbnail. Lists show a poster at most about 160 CSS px tall, which is 320 device
 * pixels on a 2× display; a 2:3 poster becomes 213 × 320, some 10–20 KB of WebP, so a screen of rows costs
 * less than one full poster. WebP because every Chromium shows it and it keeps transparency.
 */
const THUMBNAIL_SIDE = 320

const ACCEPTED_LIST = 'JPEG, PNG, WebP, GIF or AVIF'

/** What sharp calls each accepted type once it has read the header (AVIF is HEIF with AV1 inside). */
const SHARP_FORMAT: Record<AcceptedImageType, { format: keyof FormatEnum; compression?: string }> = {
  'image/jpeg': { format: 'jpeg' },
  'image/png': { format: 'png' },
  'image/webp': { format: 'webp' },
  'image/gif': { format: 'gif' },
  'image/avif': { format: 'heif', compression: 'av1' },
}

const NAME: Record<AcceptedImageType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/avif': 'AVIF',
}

declare const prepared: unique symbol

/**
 * An upload decoded and encoded again: only its pixels, in the format it came in, no metadata, no bytes
 * the decoder did not need (so a file that is also an HTML page, a script in its comments, is not any
 * more), with a small thumbnail. Only prepareImage makes one, and the file store takes nothing else.
 */
export interface PreparedImage {
  readonly bytes: Buffer
  readonly mimeType: AcceptedImageType
  readonly thumbnail: Buffer
  readonly [prepared]: true
}

const isAccepted = (mime: string): mime is AcceptedImageType =>
  (ACCEPTED_IMAGE_TYPES as readonly string[]).includes(mime)

// Rounded up so a file just over the limit never reads as "20.0 MB; the limit is 20 MB".
const megabytes = (bytes: number) => (Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)

const sniffImageType = async (bytes: Uint8Array): Promise<AcceptedImageType> => {
  const sniffed = await fileTypeFromBuffer(bytes)
  if (!sniffed) {
    throw new AppError(
      'FILE_REJECTED',
      `The file's type could not be recognised from its contents; the catalogue accepts ${ACCEPTED_LIST} images.`,
    )
  }
  // An animated PNG is still a PNG to the decoder, which keeps its first frame.
  const mime = sniffed.mime === 'image/apng' ? 'image/png' : sniffed.mime
  if (!isAccepted(mime)) {
    throw new AppError(
      'FILE_REJECTED',
      `This file is ${sniffed.ext.toUpperCase()} (${sniffed.mime}), not an image the catalogue accepts: ${ACCEPTED_LIST}.`,
    )
  }
  return mime
}

// Encoders chosen per format: near-visually-lossless quality, moderate effort (AVIF's encoder is slow).
const encode = (image: Sharp, mimeType: AcceptedImageType): Promise<Buffer> => {
  switch (mimeType) {
    case 'image/jpeg':
      return image.jpeg({ quality: 90 }).toBuffer()
    case 'image/png':
      return image.png().toBuffer()
    case 'image/webp':
      return image.webp({ quality: 90 }).toBuffer()
    case 'image/avif':
      return image.avif({ quality: 60, effort: 2 }).toBuffer()
    case 'image/gif':
      return image.gif().toBuffer()
  }
}

const fitInside = (side: number) =>
  ({ width: side, height: side, fit: 'inside', withoutEnlargement: true }) as const

/**
 * Checks an upload (not empty, within the size limit, an accepted type by its bytes, a header the decoder
 * agrees with and a sane pixel count) and re-encodes it: turned upright as its EXIF orientation says, then
 * every metadata block dropped, scaled down to MAX_STORED_SIDE if larger, every frame of an animated GIF
 * or WebP kept with its timing; plus a WebP thumbnail of the first frame. Anything wrong is FILE_REJECTED,
 * in words. Slow for a large photo (a second or more), so it runs before the call's turn (see handlers.ts).
 */
export async function prepareImage(upload: Uint8Array): Promise<PreparedImage> {
  if (upload.byteLength === 0) throw new AppError('FILE_REJECTED', 'The file is empty.')
  if (upload.byteLength > MAX_IMAGE_BYTES) {
    throw new AppError(
      'FILE_REJECTED',
      `The image is ${megabytes(upload.byteLength)} MB; the limit is ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.`,
    )
  }
  const mimeType = await sniffImageType(upload)
  const name = NAME[mimeType]
  const input = Buffer.from(upload.buffer, upload.byteOffset, upload.byteLength)
  // 'error' refuses damaged and truncated data but lets through the harmless warnings many cameras' JPEGs
  // raise; autoOrient turns the pixels before the orientation tag goes with the rest of the metadata.
  const decode = (frames: { animated: boolean }) =>
    sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true, ...frames })
  const damaged = () =>
    new AppError('FILE_REJECTED', `This ${name} image could not be read; it may be damaged or incomplete.`)

  let header: Metadata
  try {
    header = await sharp(input, { limitInputPixels: false }).metadata()
  } catch {
    throw damaged()
  }
  const expected = SHARP_FORMAT[mimeType]
  if (
    header.format !== expected.format ||
    (expected.compression && header.compression !== expected.compression)
  ) {
    throw damaged()
  }
  if (header.width * header.height * (header.pages ?? 1) > MAX_INPUT_PIXELS) {
    throw new AppError(
      'FILE_REJECTED',
      `This ${name} image is ${header.width} × ${header.height} pixels; the catalogue opens images up to ${Math.floor(MAX_INPUT_PIXELS / 1e6)} megapixels.`,
    )
  }

  // Only GIF and WebP animate in every browser; an animated PNG keeps its first frame.
  const animated = mimeType === 'image/gif' || mimeType === 'image/webp'
  try {
    const [bytes, thumbnail] = await Promise.all([
      encode(decode({ animated }).resize(fitInside(MAX_STORED_SIDE)), mimeType),
      decode({ animated: false }).resize(fitInside(THUMBNAIL_SIDE)).webp({ quality: 75 }).toBuffer(),
    ])
    return { bytes, mimeType, thumbnail } as PreparedImage
  } catch {
    throw damaged()
  }
}
