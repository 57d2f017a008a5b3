import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import { AppError } from '../../../src-shared/errors.ts'

/** The first bytes of every zip file. */
export const isZip = (head: Uint8Array) =>
  head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04

const damaged = (fileName: string) =>
  new AppError(
    'FILE_REJECTED',
    `${fileName} is not a zip file that can be read; it may be damaged or incomplete.`,
  )

/** A zip opened for reading its files by name, in any order (yauzl reads the central directory). */
export class ZipReader {
  private readonly zip: yauzl.ZipFile
  private readonly entries: Map<string, yauzl.Entry>
  private readonly fileName: string

  private constructor(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, fileName: string) {
    this.zip = zip
    this.entries = entries
    this.fileName = fileName
  }

  /** Opens a zip; FILE_REJECTED in words when it is not one. `fileName` names it in messages. */
  static async open(path: string, fileName: string): Promise<ZipReader> {
    let zip: yauzl.ZipFile
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false })
    } catch {
      throw damaged(fileName)
    }
    const entries = new Map<string, yauzl.Entry>()
    try {
      for await (const entry of zip.eachEntry()) {
        if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry)
      }
    } catch {
      zip.close()
      throw damaged(fileName)
    }
    return new ZipReader(zip, entries, fileName)
  }

  names(): string[] {
    return [...this.entries.keys()]
  }

  has(name: string): boolean {
    return this.entries.has(name)
  }

  /** The uncompressed size the zip declares for a file. */
  sizeOf(name: string): number {
    return this.entry(name).uncompressedSize
  }

  /** A file's bytes; refused above `maxBytes` (a zip can claim anything). */
  async read(name: string, maxBytes: number): Promise<Buffer> {
    const entry = this.entry(name)
    if (entry.uncompressedSize > maxBytes) {
      throw new AppError('FILE_REJECTED', `${name} in ${this.fileName} is too large to read.`)
    }
    const chunks: Buffer[] = []
    try {
      for await (const chunk of await this.zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
    } catch {
      throw damaged(this.fileName)
    }
    return Buffer.concat(chunks)
  }

  /** Writes a file out to `destination`, returning the SHA-256 and size of what was written. */
  async extract(name: string, destination: string): Promise<{ sha256: string; size: number }> {
    const hash = createHash('sha256')
    let size = 0
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        size += chunk.byteLength
        done(null, chunk)
      },
    })
    try {
      await pipeline(
        await this.zip.openReadStreamPromise(this.entry(name)),
        hashing,
        createWriteStream(destination),
      )
    } catch (error) {
      if (error instanceof AppError) throw error
      throw damaged(this.fileName)
    }
    return { sha256: hash.digest('hex'), size }
  }

  close(): void {
    this.zip.close()
  }

  private entry(name: string): yauzl.Entry {
    const entry = this.entries.get(name)
    if (!entry) throw new AppError('FILE_REJECTED', `${this.fileName} has no ${name}.`)
    return entry
  }
}
