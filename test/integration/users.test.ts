import { randomBytes, scryptSync } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashPassword, needsRehash, verifyPassword } from '../../src-main/catalog/users/password.ts'
import { setSignInThrottleClock, waitAfterFailures } from '../../src-main/catalog/users/sign-in-throttle.ts'
import type { UserDto } from '../../src-shared/users.ts'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const ANN = {
  username: 'Ann',
  firstName: 'Ann',
  lastName: 'Lee',
  email: 'ann@example.com',
  password: 'correct horse battery',
}
const BOB = { username: 'bob', email: 'bob@example.com', password: 'bob-secret-1' }

let catalog: TestCatalog

// Writes beside the app's connection, for rows whose own service is not this file's subject.
const write = (statement: string, ...params: unknown[]) => {
  const db = new Database(join(catalog.dataDir, 'catalog.sqlite'))
  try {
    return db.prepare(statement).run(...params)
  } finally {
    db.close()
  }
}

const insertMovie = (title: string) =>
  Number(
    write(
      'insert into movie (title, title_sort_key, created_at, updated_at) select column1, lower(column1), column2, column3 from (values (?, ?, ?))',
      title,
      Date.now(),
      Date.now(),
    ).lastInsertRowid,
  )

const storedHash = (username: string) =>
  catalog.sql<{ password: string }>('select password from user where username = ?', username)[0]?.password

const userCount = () => catalog.sql<{ n: number }>('select count(*) as n from user')[0]?.n

beforeEach(async () => {
  catalog = await openTestCatalog()
})

afterEach(async () => {
  setSignInThrottleClock(null)
  await catalog.close()
})

describe('users:register and users:signIn', () => {
  it('registers a profile, signs it in, and signs in again by username or by email in another case', async () => {
    const registered = await catalog.call('users:register', ANN)

    expect(registered).toEqual({
      id: expect.any(Number),
      username: 'Ann',
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@example.com',
      avatar: null,
      staySignedIn: false,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      updatedAt: expect.stringMatching(/Z$/),
    })
    expect(await catalog.call('users:current', {})).toEqual(registered)

    expect(await catalog.call('users:signOut', {})).toEqual({ signedOut: true })
    expect(await catalog.call('users:current', {})).toBeNull()

    expect(await catalog.call('users:signIn', { username: 'ann', password: ANN.password })).toEqual(
      registered,
    )
    await catalog.call('users:signOut', {})
    expect(
      await catalog.call('users:signIn', { username: 'ANN@Example.COM', password: ANN.password }),
    ).toEqual(registered)
    expect((await catalog.call('users:current', {}))?.id).toBe(registered.id)
  })

  it('turns away a username or email that differs only by case, naming the field, and writes nothing', async () => {
    await catalog.call('users:register', ANN)

    const sameName = await catalog.failure('users:register', { ...BOB, username: 'aNN' })
    expect(sameName.code).toBe('CONFLICT')
    expect(sameName.message).toBe('The username “aNN” is already taken.')
    expect(sameName.issues).toEqual([{ path: ['username'], message: sameName.message }])

    const sameEmail = await catalog.failure('users:register', { ...BOB, email: 'ANN@EXAMPLE.COM' })
    expect(sameEmail.code).toBe('CONFLICT')
    expect(sameEmail.issues?.map((issue) => issue.path)).toEqual([['email']])

    const both = await catalog.failure('users:register', {
      ...BOB,
      username: 'ANN',
      email: 'Ann@example.com',
    })
    expect(both.code).toBe('CONFLICT')
    expect(both.issues?.map((issue) => issue.path)).toEqual([['username'], ['email']])

    expect(userCount()).toBe(1)
    expect(catalog.sql('select username from user')).toEqual([{ username: 'Ann' }])
  })

  it('treats usernames that differ only by the case of a non-ASCII letter as the same', async () => {
    await catalog.call('users:register', { ...BOB, username: 'Élodie' })
    await catalog.call('users:signOut', {})

    const conflict = await catalog.failure('users:register', { ...ANN, username: 'élodie' })
    expect(conflict.code).toBe('CONFLICT')
    expect(conflict.issues?.[0]?.path).toEqual(['username'])
    expect(
      (await catalog.call('users:signIn', { username: 'ÉLODIE', password: BOB.password })).username,
    ).toBe('Élodie')
  })

  it('stores a salted scrypt hash, never the password', async () => {
    await catalog.call('users:register', ANN)
    await catalog.call('users:register', { ...BOB, password: ANN.password })

    const annHash = storedHash('Ann')
    const bobHash = storedHash('bob')
    expect(annHash).toMatch(/^scrypt\$N=16384,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    expect(annHash).not.toBe(ANN.password)
    expect(annHash).not.toContain(ANN.password)
    // The same password, another salt.
    expect(bobHash).not.toBe(annHash)
  })

  it('never returns the password or its hash from any users call', async () => {
    const file = await catalog.call('files:upload', { fileName: 'me.png', dataBase64: PNG_1X1 })
    const outputs: unknown[] = []
    outputs.push(await catalog.call('users:register', BOB))
    outputs.push(await catalog.call('users:register', ANN))
    outputs.push(await catalog.call('users:signOut', {}))
    outputs.push(await catalog.call('users:signIn', { username: 'ann', password: ANN.password }))
    outputs.push(await catalog.call('users:current', {}))
    outputs.push(await catalog.call('users:profiles', {}))
    outputs.push(await catalog.call('users:updateProfile', { firstName: 'Annie', lastName: 'Lee' }))
    outputs.push(await catalog.call('users:setAvatar', { fileId: file.id }))
    outputs.push(
      await catalog.call('users:changePassword', {
        currentPassword: ANN.password,
        newPassword: 'new password 2',
      }),
    )
    outputs.push(await catalog.failure('users:signIn', { username: 'ann', password: ANN.password }))
    outputs.push(await catalog.failure('users:delete', { password: ANN.password }))
    const hashes = [storedHash('Ann'), storedHash('bob')]
    outputs.push(await catalog.call('users:delete', { password: 'new password 2' }))

    const text = JSON.stringify(outputs)
    // A key, not a value: an error's field path may name the password field.
    expect(text).not.toMatch(/"password"\s*:/i)
    expect(text).not.toContain('scrypt')
    for (const hash of hashes) {
      expect(hash).toMatch(/^scrypt\$/)
      expect(text).not.toContain(hash!.split('$')[3])
    }
  })

  it('answers a wrong password and an unknown user alike, and signs nobody in', async () => {
    await catalog.call('users:register', ANN)
    await catalog.call('users:signOut', {})

    const wrong = await catalog.failure('users:signIn', { username: 'Ann', password: 'not the password' })
    const unknown = await catalog.failure('users:signIn', { username: 'nobody', password: ANN.password })

    expect(wrong).toEqual({ code: 'UNAUTHENTICATED', message: 'Wrong username or password.' })
    expect(unknown).toEqual(wrong)
    expect(await catalog.call('users:current', {})).toBeNull()
  })

  it('validates input before anything runs', async () => {
    const failure = await catalog.failure('users:register', { ...ANN, password: 'short' })

    expect(failure.code).toBe('VALIDATION')
    expect(failure.issues?.[0]?.path).toEqual(['password'])
    expect(userCount()).toBe(0)
  })

  it('rehashes a password stored with weaker parameters when its owner signs in', async () => {
    await catalog.call('users:register', ANN)
    await catalog.call('users:signOut', {})
    const salt = randomBytes(16)
    const weak = `scrypt$N=1024,r=8,p=1$${salt.toString('base64')}$${scryptSync(ANN.password, salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64')}`
    write('update user set password = ? where username = ?', weak, 'Ann')

    expect((await catalog.call('users:signIn', { username: 'Ann', password: ANN.password })).username).toBe(
      'Ann',
    )
    expect(storedHash('Ann')).toMatch(/^scrypt\$N=16384,r=8,p=1\$/)
    await catalog.call('users:signOut', {})
    expect((await catalog.call('users:signIn', { username: 'Ann', password: ANN.password })).username).toBe(
      'Ann',
    )
  })
})

describe('sign-in throttle', () => {
  it('refuses even the right password after three failures until the wait is over', async () => {
    let now = 1_000_000
    setSignInThrottleClock(() => now)
    await catalog.call('users:register', ANN)
    await catalog.call('users:signOut', {})

    for (let attempt = 0; attempt < 3; attempt++) {
      const failure = await catalog.failure('users:signIn', { username: 'ann', password: 'guess' })
      expect(failure.message).toBe('Wrong username or password.')
    }
    // Another case of the same name is the same streak.
    const refused = await catalog.failure('users:signIn', { username: 'ANN', password: ANN.password })
    expect(refused).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Too many wrong passwords. Try again in 1 second.',
    })
    expect(await catalog.call('users:current', {})).toBeNull()

    now += 999
    expect(
      (await catalog.failure('users:signIn', { username: 'ann', password: ANN.password })).message,
    ).toMatch(/^Too many wrong passwords/)
    now += 1
    expect((await catalog.call('users:signIn', { username: 'ann', password: ANN.password })).username).toBe(
      'Ann',
    )
  })

  it('counts guesses per account, so switching between username and email earns no extra tries', async () => {
    let now = 2_000_000
    setSignInThrottleClock(() => now)
    await catalog.call('users:register', ANN)
    await catalog.call('users:signOut', {})
    for (const username of ['ann', 'ann@example.com', 'ANN']) {
      expect((await catalog.failure('users:signIn', { username, password: 'guess' })).message).toBe(
        'Wrong username or password.',
      )
    }
    // The account is blocked, but this email's own streak is not: it answers as an unknown name would.
    const refused = await catalog.failure('users:signIn', {
      username: 'ann@example.com',
      password: ANN.password,
    })
    expect(refused).toEqual({ code: 'UNAUTHENTICATED', message: 'Wrong username or password.' })
    expect(await catalog.call('users:current', {})).toBeNull()
    now += 1000
    expect(
      (await catalog.call('users:signIn', { username: 'ann@example.com', password: ANN.password })).id,
    ).toBeGreaterThan(0)
  })

  it('guards changing the password and deleting the account the same way', async () => {
    let now = 3_000_000
    setSignInThrottleClock(() => now)
    await catalog.call('users:register', ANN)
    const hashBefore = storedHash('Ann')
    for (let attempt = 0; attempt < 3; attempt++) {
      const wrong = await catalog.failure('users:changePassword', {
        currentPassword: 'guess',
        newPassword: 'new password 1',
      })
      expect(wrong.message).toBe('The password is wrong.')
    }
    const refused = await catalog.failure('users:changePassword', {
      currentPassword: ANN.password,
      newPassword: 'new password 1',
    })
    expect(refused.message).toMatch(/^Too many wrong passwords/)
    expect((await catalog.failure('users:delete', { password: ANN.password })).message).toMatch(
      /^Too many wrong passwords/,
    )
    expect(storedHash('Ann')).toBe(hashBefore)
    now += 1000
    expect(
      await catalog.call('users:changePassword', {
        currentPassword: ANN.password,
        newPassword: 'new password 1',
      }),
    ).toEqual({
      changed: true,
    })
  })

  it('doubles the wait with each further failure and forgets the streak after a success', async () => {
    let now = 5_000_000
    setSignInThrottleClock(() => now)
    await catalog.call('users:register', ANN)
    await catalog.call('users:register', BOB)
    await catalog.call('users:signOut', {})
    const guess = () => catalog.failure('users:signIn', { username: 'ann@example.com', password: 'guess' })

    for (let attempt = 0; attempt < 3; attempt++) await guess()
    now += 1000
    expect((await guess()).message).toBe('Wrong username or password.')
    expect((await guess()).message).toBe('Too many wrong passwords. Try again in 2 seconds.')
    now += 1000
    expect((await guess()).message).toBe('Too many wrong passwords. Try again in 1 second.')
    now += 1000
    expect((await guess()).message).toBe('Wrong username or password.')
    expect((await guess()).message).toBe('Too many wrong passwords. Try again in 4 seconds.')

    // Another name is not held up by Ann's streak.
    expect((await catalog.call('users:signIn', { username: 'bob', password: BOB.password })).username).toBe(
      'bob',
    )

    now += 4000
    await catalog.call('users:signIn', { username: 'ann@example.com', password: ANN.password })
    expect((await guess()).message).toBe('Wrong username or password.')
    expect((await guess()).message).toBe('Wrong username or password.')
  })

  it('caps the wait at five minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => waitAfterFailures(failures))).toEqual([
      0, 0, 1000, 2000, 4000, 8000,
    ])
    expect(waitAfterFailures(11)).toBe(256_000)
    expect(waitAfterFailures(12)).toBe(5 * 60_000)
    expect(waitAfterFailures(10_000)).toBe(5 * 60_000)
  })

  it('keeps counting wrong guesses across a restart of the app', async () => {
    let now = 6_000_000
    setSignInThrottleClock(() => now)
    await catalog.call('users:register', ANN)
    await catalog.call('users:signOut', {})
    for (let attempt = 0; attempt < 3; attempt++) {
      await catalog.failure('users:signIn', { username: 'ann', password: 'guess' })
    }

    await catalog.reopen()

    expect(await catalog.failure('users:signIn', { username: 'ann', password: ANN.password })).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Too many wrong passwords. Try again in 1 second.',
    })
    expect(await catalog.call('users:current', {})).toBeNull()
    // One streak for the name typed, one for the account; neither stores the name in clear.
    const streaks = catalog.sql<{ key: string; failures: number; blocked_until: number }>(
      'select key, failures, blocked_until from sign_in_streak order by key',
    )
    expect(streaks).toHaveLength(2)
    for (const streak of streaks) {
      expect(streak).toEqual({
        key: expect.stringMatching(/^[0-9a-f]{64}$/),
        failures: 3,
        blocked_until: now + 1000,
      })
    }
    expect(JSON.stringify(streaks)).not.toMatch(/ann/i)

    now += 1000
    await catalog.reopen()
    expect((await catalog.call('users:signIn', { username: 'ann', password: ANN.password })).username).toBe(
      'Ann',
    )
    expect(catalog.sql('select * from sign_in_streak')).toEqual([])
  })

  it('answers the email of an account blocked by guesses on its username exactly as any unknown email', async () => {
    const now = 7_000_000
    setSignInThrottleClock(() => now)
    await catalog.call('users:register', ANN)
    await catalog.call('users:register', BOB)
    await catalog.call('users:signOut', {})
    for (let attempt = 0; attempt < 3; attempt++) {
      await catalog.failure('users:signIn', { username: 'ann', password: 'guess' })
    }
    // The name guessed on says so; its account is blocked for everyone.
    expect((await catalog.failure('users:signIn', { username: 'ann', password: 'guess' })).message).toBe(
      'Too many wrong passwords. Try again in 1 second.',
    )

    // Ann's email and an email nobody has answer alike, attempt after attempt, right password or not.
    for (let attempt = 0; attempt < 5; attempt++) {
      const annsEmail = await catalog.failure('users:signIn', {
        username: 'ann@example.com',
        password: attempt % 2 ? ANN.password : 'guess',
      })
      const nobodysEmail = await catalog.failure('users:signIn', {
        username: 'nobody@example.com',
        password: 'guess',
      })
      expect(annsEmail, `attempt ${attempt}`).toEqual(nobodysEmail)
    }
    expect(
      (await catalog.failure('users:signIn', { username: 'ann@example.com', password: ANN.password }))
        .message,
    ).toMatch(/^Too many wrong passwords/)
    expect(await catalog.call('users:current', {})).toBeNull()
    // Another account is not held up by Ann's.
    expect(
      (await catalog.call('users:signIn', { username: 'bob@example.com', password: BOB.password })).username,
    ).toBe('bob')
  })
})

describe('calls that need a signed-in user', () => {
  it('are refused with UNAUTHENTICATED when nobody is signed in', async () => {
    await catalog.call('users:register', ANN)
    await catalog.call('users:signOut', {})
    const hashBefore = storedHash('Ann')

    for (const [channel, input] of [
      ['users:updateProfile', { firstName: 'Mallory' }],
      ['users:changePassword', { currentPassword: ANN.password, newPassword: 'taken over!' }],
      ['users:setAvatar', { fileId: null }],
      ['users:delete', { password: ANN.password }],
    ] as const) {
      const failure = await catalog.failure(channel, input)
      expect(failure.code, channel).toBe('UNAUTHENTICATED')
    }
    expect(catalog.sql('select first_name, password from user')).toEqual([
      { first_name: 'Ann', password: hashBefore },
    ])
  })
})

describe('users:changePassword', () => {
  it('requires the current password and changes nothing when it is wrong', async () => {
    await catalog.call('users:register', ANN)
    const hashBefore = storedHash('Ann')

    const wrong = await catalog.failure('users:changePassword', {
      currentPassword: 'not it',
      newPassword: 'a whole new password',
    })
    expect(wrong.code).toBe('UNAUTHENTICATED')
    expect(wrong.issues?.[0]?.path).toEqual(['currentPassword'])
    expect(storedHash('Ann')).toBe(hashBefore)

    expect(
      await catalog.call('users:changePassword', {
        currentPassword: ANN.password,
        newPassword: 'a whole new password',
      }),
    ).toEqual({ changed: true })
    expect(storedHash('Ann')).not.toBe(hashBefore)

    await catalog.call('users:signOut', {})
    expect((await catalog.failure('users:signIn', { username: 'Ann', password: ANN.password })).code).toBe(
      'UNAUTHENTICATED',
    )
    expect(
      (await catalog.call('users:signIn', { username: 'Ann', password: 'a whole new password' })).username,
    ).toBe('Ann')
  })
})

describe('users:updateProfile', () => {
  it('changes only the signed-in user, and refuses a username another profile has', async () => {
    const bob = await catalog.call('users:register', BOB)
    const ann = await catalog.call('users:register', ANN)

    const taken = await catalog.failure('users:updateProfile', { username: 'BOB' })
    expect(taken.code).toBe('CONFLICT')
    expect(taken.issues?.[0]?.path).toEqual(['username'])

    // A new case of one's own name is not a conflict.
    const updated = await catalog.call('users:updateProfile', {
      username: 'ANN',
      firstName: '  Annie ',
      lastName: '',
      email: 'annie@example.com',
    })
    expect(updated).toMatchObject({
      id: ann.id,
      username: 'ANN',
      firstName: 'Annie',
      lastName: null,
      email: 'annie@example.com',
    })
    expect(catalog.sql('select username, email from user where id = ?', bob.id)).toEqual([
      { username: 'bob', email: 'bob@example.com' },
    ])

    // Fields not sent stay as they are.
    const renamedOnly = await catalog.call('users:updateProfile', { lastName: 'Lee' })
    expect(renamedOnly).toMatchObject({ username: 'ANN', firstName: 'Annie', lastName: 'Lee' })
  })
})

describe('users:setAvatar and users:profiles', () => {
  it('sets and clears the avatar, refuses a missing file, and lists public fields sorted by username', async () => {
    await catalog.call('users:register', { ...BOB, username: 'carol', email: 'carol@example.com' })
    await catalog.call('users:register', BOB)
    const ann = await catalog.call('users:register', { ...ANN, username: 'ann' })
    const file = await catalog.call('files:upload', { fileName: 'me.png', dataBase64: PNG_1X1 })

    const missing = await catalog.failure('users:setAvatar', { fileId: file.id + 100 })
    expect(missing.code).toBe('NOT_FOUND')

    const withAvatar = await catalog.call('users:setAvatar', { fileId: file.id })
    expect(withAvatar.avatar).toEqual(file)
    expect(catalog.sql('select avatar_id from user where id = ?', ann.id)).toEqual([{ avatar_id: file.id }])

    const profiles = await catalog.call('users:profiles', {})
    expect(profiles.map((profile) => profile.username)).toEqual(['ann', 'bob', 'carol'])
    expect(profiles[0]).toEqual({
      id: ann.id,
      username: 'ann',
      firstName: 'Ann',
      lastName: 'Lee',
      avatarUrl: file.thumbUrl,
    })
    expect(Object.keys(profiles[1]!).sort()).toEqual(['avatarUrl', 'firstName', 'id', 'lastName', 'username'])

    expect((await catalog.call('users:setAvatar', { fileId: null })).avatar).toBeNull()
    expect(catalog.sql('select avatar_id from user where id = ?', ann.id)).toEqual([{ avatar_id: null }])
  })
})

describe('users:delete', () => {
  it('requires the password, then removes the user and their favorites but not the movies', async () => {
    const first = insertMovie('Jeanne Dielman')
    const second = insertMovie('Cléo from 5 to 7')
    const bob = await catalog.call('users:register', BOB)
    await catalog.call('favorites:add', { movieId: first })
    const ann: UserDto = await catalog.call('users:register', ANN)
    await catalog.call('favorites:add', { movieId: first })
    await catalog.call('favorites:add', { movieId: second })

    const wrong = await catalog.failure('users:delete', { password: 'not it' })
    expect(wrong.code).toBe('UNAUTHENTICATED')
    expect(catalog.sql('select count(*) as n from favorite_movie where user_id = ?', ann.id)).toEqual([
      { n: 2 },
    ])
    expect((await catalog.call('users:current', {}))?.id).toBe(ann.id)

    expect(await catalog.call('users:delete', { password: ANN.password })).toEqual({ deleted: true })

    expect(await catalog.call('users:current', {})).toBeNull()
    expect(catalog.sql('select id from user')).toEqual([{ id: bob.id }])
    expect(catalog.sql('select user_id, movie_id from favorite_movie')).toEqual([
      { user_id: bob.id, movie_id: first },
    ])
    expect(catalog.sql('select id from movie order by id')).toEqual([{ id: first }, { id: second }])
    expect((await catalog.failure('users:signIn', { username: 'Ann', password: ANN.password })).code).toBe(
      'UNAUTHENTICATED',
    )
  })
})

describe('password hashing', () => {
  it('verifies with the parameters stored in the hash, and rejects a wrong password', async () => {
    const salt = randomBytes(16)
    const legacy = `scrypt$N=2048,r=4,p=2$${salt.toString('base64')}$${scryptSync('pässword', salt, 64, { N: 2048, r: 4, p: 2 }).toString('base64')}`

    expect(await verifyPassword('pässword', legacy)).toBe(true)
    // The same text in decomposed form ("a" + combining diaeresis) is the same password.
    expect(await verifyPassword('pa\u0308ssword', legacy)).toBe(true)
    expect(await verifyPassword('password', legacy)).toBe(false)
    expect(needsRehash(legacy)).toBe(true)

    const current = await hashPassword('pässword')
    expect(needsRehash(current)).toBe(false)
    expect(await verifyPassword('pässword', current)).toBe(true)
    await expect(verifyPassword('pässword', 'plain text')).rejects.toThrow(/scrypt/)
  })
})
