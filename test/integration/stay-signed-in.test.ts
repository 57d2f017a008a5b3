import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'

const ANN = { username: 'ann', email: 'ann@example.com', password: 'ann-password' }
const BOB = { username: 'bob', email: 'bob@example.com', password: 'bob-password' }

let catalog: TestCatalog

beforeEach(async () => {
  catalog = await openTestCatalog()
})

afterEach(async () => {
  await catalog.close()
})

const stored = () =>
  catalog.sql<{ username: string; stay_signed_in: number }>(
    'select username, stay_signed_in from user order by username',
  )
const signedInAfterRestart = async () => {
  await catalog.reopen()
  return (await catalog.call('users:current', {}))?.username ?? null
}

describe('stay signed in', () => {
  it('opens the catalogue signed in after a restart when asked at registration, until signing out', async () => {
    const ann = await catalog.call('users:register', { ...ANN, staySignedIn: true })
    expect(ann.staySignedIn).toBe(true)
    expect(stored()).toEqual([{ username: 'ann', stay_signed_in: 1 }])

    expect(await signedInAfterRestart()).toBe('ann')
    expect(await catalog.call('users:current', {})).toMatchObject({ id: ann.id, staySignedIn: true })
    // Signed in for real: "my" calls work without signing in again.
    expect(await catalog.call('favorites:list', {})).toMatchObject({ total: 0 })

    await catalog.call('users:signOut', {})
    expect(stored()).toEqual([{ username: 'ann', stay_signed_in: 0 }])
    expect(await signedInAfterRestart()).toBeNull()
  })

  it('is off unless asked for, at registration and at sign-in', async () => {
    expect((await catalog.call('users:register', ANN)).staySignedIn).toBe(false)
    expect(await signedInAfterRestart()).toBeNull()

    expect(
      (await catalog.call('users:signIn', { username: 'ann', password: ANN.password })).staySignedIn,
    ).toBe(false)
    expect(stored()).toEqual([{ username: 'ann', stay_signed_in: 0 }])
    expect(await signedInAfterRestart()).toBeNull()
  })

  it('is remembered at sign-in, and signing in again without it forgets it', async () => {
    await catalog.call('users:register', ANN)
    await catalog.call('users:signOut', {})
    await catalog.call('users:signIn', { username: 'ann', password: ANN.password, staySignedIn: true })
    expect(await signedInAfterRestart()).toBe('ann')

    await catalog.call('users:signIn', { username: 'ann', password: ANN.password, staySignedIn: false })
    expect(stored()).toEqual([{ username: 'ann', stay_signed_in: 0 }])
    expect(await signedInAfterRestart()).toBeNull()
  })

  it('belongs to one profile at a time: a second profile choosing it takes it over', async () => {
    await catalog.call('users:register', { ...BOB, staySignedIn: false })
    await catalog.call('users:register', { ...ANN, staySignedIn: true })
    await catalog.call('users:signOut', {})
    // Signing out cleared Ann's choice; choose it again, then let Bob take it.
    await catalog.call('users:signIn', { username: 'ann', password: ANN.password, staySignedIn: true })
    const bob = await catalog.call('users:signIn', {
      username: 'bob',
      password: BOB.password,
      staySignedIn: true,
    })

    expect(bob.staySignedIn).toBe(true)
    expect(stored()).toEqual([
      { username: 'ann', stay_signed_in: 0 },
      { username: 'bob', stay_signed_in: 1 },
    ])
    expect(await signedInAfterRestart()).toBe('bob')
  })

  it('ends with the session it belonged to: another profile signing in without it leaves nobody after a restart', async () => {
    await catalog.call('users:register', BOB)
    await catalog.call('users:register', { ...ANN, staySignedIn: true })
    // Switching profile without signing out first ends Ann's session all the same.
    await catalog.call('users:signIn', { username: 'bob', password: BOB.password })

    expect(stored()).toEqual([
      { username: 'ann', stay_signed_in: 0 },
      { username: 'bob', stay_signed_in: 0 },
    ])
    expect(await signedInAfterRestart()).toBeNull()
  })

  it('goes with the profile: deleting it leaves nobody signed in after a restart', async () => {
    await catalog.call('users:register', BOB)
    await catalog.call('users:register', { ...ANN, staySignedIn: true })
    expect(await signedInAfterRestart()).toBe('ann')

    await catalog.call('users:delete', { password: ANN.password })
    expect(stored()).toEqual([{ username: 'bob', stay_signed_in: 0 }])
    expect(await signedInAfterRestart()).toBeNull()
    expect((await catalog.call('users:profiles', {})).map((profile) => profile.username)).toEqual(['bob'])
  })

  it('is refused as anything but a boolean', async () => {
    const error = await catalog.failure('users:register', { ...ANN, staySignedIn: 'yes' })
    expect(error).toMatchObject({ code: 'VALIDATION', issues: [{ path: ['staySignedIn'] }] })
    expect(stored()).toEqual([])
  })
})
