import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'

export const FileSchema = defineEntity({
  name: 'File',
  tableName: 'file',
  properties: {
    id: p.integer().primary(),
    /** The name the person's file had; shown, never used to decide what the bytes are. */
    fileName: p.string().length(255),
    /** Sniffed from the bytes by the file store. */
    mimeType: p.string().length(100),
    /** sha256 of the bytes: the blob's name in the file store. */
    key: p.string().length(64).unique(),
    url: p.string().length(200),
    size: p.integer(),
    ...timestamps(),
  },
})

export class FileRecord extends FileSchema.class {}
FileSchema.setClass(FileRecord)
