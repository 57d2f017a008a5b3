import { defineEntity, p } from '@mikro-orm/core'
import { timestamps } from '../../db/timestamps.ts'
import { FileRecord } from '../files/file.entity.ts'

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'user',
  properties: {
    id: p.integer().primary(),
    username: p.string().length(50).collation('NOCASE').unique(),
    firstName: p.string().length(100).nullable(),
    lastName: p.string().length(100).nullable(),
    email: p.string().length(254).collation('NOCASE').unique(),
    /** A scrypt hash with its parameters and salt; hidden so no serializer can ever emit it. */
    password: p.string().length(255).hidden(),
    avatar: () => p.manyToOne(FileRecord).nullable().deleteRule('set null').index(),
    ...timestamps(),
  },
})

export class User extends UserSchema.class {}
UserSchema.setClass(User)
