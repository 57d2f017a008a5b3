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
    /** "Stay signed in on this computer": the catalogue opens signed in as this profile. At most one holds it. */
    staySignedIn: p.boolean().default(false),
    avatar: () => p.manyToOne(FileRecord).nullable().deleteRule('set null').index(),
    ...timestamps(),
  },
  uniques: [
    {
      name: 'user_stay_signed_in_unique',
      expression:
        'create unique index `user_stay_signed_in_unique` on `user` (`stay_signed_in`) where `stay_signed_in` = 1',
    },
  ],
})

export class User extends UserSchema.class {}
UserSchema.setClass(User)
