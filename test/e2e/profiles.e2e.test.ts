import { beforeEach, describe, expect, test } from 'vitest'
import {
  type AppUnderTest,
  createProfile,
  descriptionOf,
  expectAccessible,
  openApp,
  PASSWORD,
  saveScreen,
} from './support/app-browser.ts'
import { e2eFile } from './support/lifecycle.ts'

const e2e = e2eFile()
let app: AppUnderTest

beforeEach(async () => {
  app = await e2e.startApp()
})

describe('profiles', { timeout: 90_000 }, () => {
  test('a new catalogue creates its first profile; sign out, a wrong password, the right one', async () => {
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await page.getByRole('heading', { name: 'Welcome' }).waitFor()
    await expectAccessible(page, 'the welcome screen')
    await saveScreen(page, 'welcome')

    await createProfile(page, { username: 'ada', firstName: 'Ada', lastName: 'Lovelace' })
    // The signed-in profile is always in view.
    await page.getByRole('button', { name: /^Ada Lovelace\s*, profile menu/ }).waitFor()
    expect(app.sql('select username, first_name, email from user')).toEqual([
      { username: 'ada', first_name: 'Ada', email: 'ada@example.com' },
    ])

    await page.getByRole('button', { name: /profile menu/ }).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await expectAccessible(page, 'the sign-in screen')

    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not my password')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByText('Wrong username or password.').waitFor()
    expect(await descriptionOf(page.getByRole('textbox', { name: 'Password', exact: true }))).toContain(
      'Wrong username or password.',
    )
    await saveScreen(page, 'sign-in-wrong-password')

    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('heading', { name: 'Movies', exact: true }).waitFor()
    expect(problems).toEqual([])
  })

  test('“stay signed in” survives a restart; without it the chooser returns', async () => {
    const first = await openApp(e2e.browser(), app.url)
    await createProfile(first.page, { username: 'ada', staySignedIn: true })
    await first.page.close()

    await app.restart()
    const second = await openApp(e2e.browser(), app.url)
    await second.page.getByRole('heading', { name: 'Movies', exact: true }).waitFor()
    expect(await second.page.getByRole('button', { name: /^ada\s*, profile menu/ }).count()).toBe(1)

    // Signing out forgets the choice: the next start asks again.
    await second.page.getByRole('button', { name: /profile menu/ }).click()
    await second.page.getByRole('menuitem', { name: 'Sign out' }).click()
    await second.page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await second.page.close()

    await app.restart()
    const third = await openApp(e2e.browser(), app.url)
    await third.page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await third.page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD)
    await third.page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await third.page.getByRole('heading', { name: 'Movies', exact: true }).waitFor()
    await third.page.close()

    await app.restart()
    const fourth = await openApp(e2e.browser(), app.url)
    await fourth.page.getByRole('heading', { name: 'Sign in' }).waitFor()
    expect([...first.problems, ...second.problems, ...third.problems, ...fourth.problems]).toEqual([])
  })

  test('a second profile, chosen from the chooser; a taken username is said beside the field', async () => {
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await createProfile(page, { username: 'ada' })
    await page.getByRole('button', { name: /profile menu/ }).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Create another profile' }).click()

    // Taken username, a too-short password, two passwords that differ: each said beside its field.
    await page.getByLabel('Username').fill('ADA')
    await page.getByLabel('Email').fill('grace@example.com')
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short')
    await page.getByLabel('Password again').fill('shorter')
    await page.getByRole('button', { name: 'Create profile' }).click()
    await page.getByText('Password is at least 8 characters.').waitFor()
    await page.getByText('The two passwords are not the same.').waitFor()
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD)
    await page.getByLabel('Password again').fill(PASSWORD)
    await page.getByRole('button', { name: 'Create profile' }).click()
    await page.getByText('The username “ADA” is already taken.').waitFor()
    expect(await descriptionOf(page.getByLabel('Username'))).toContain('The username “ADA” is already taken.')
    expect(app.sql('select username from user')).toEqual([{ username: 'ada' }])
    await saveScreen(page, 'create-profile-taken-username')

    await page.getByLabel('Username').fill('grace')
    await page.getByRole('button', { name: 'Create profile' }).click()
    await page.getByRole('button', { name: /^grace\s*, profile menu/ }).waitFor()

    await page.getByRole('button', { name: /profile menu/ }).click()
    await page.getByRole('menuitem', { name: 'Switch profile' }).click()
    await page.getByRole('heading', { name: 'Who is watching?' }).waitFor()
    await expectAccessible(page, 'the profile chooser')
    await saveScreen(page, 'profile-chooser')
    await page.getByRole('button', { name: /^ada @ada/ }).click()
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByRole('button', { name: /^ada\s*, profile menu/ }).waitFor()
    expect(problems).toEqual([])
  })

  test('the profile page edits names, changes the password and deletes the profile with its password', async () => {
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await createProfile(page, { username: 'ada' })
    await page.getByRole('button', { name: /profile menu/ }).click()
    await page.getByRole('menuitem', { name: 'Your profile' }).click()
    await page.getByRole('heading', { name: 'Your profile' }).waitFor()
    await expectAccessible(page, 'the profile page')
    await saveScreen(page, 'profile-page')

    await page.getByLabel('First name').fill('Ada')
    await page.getByLabel('Last name').fill('Lovelace')
    await page.getByRole('button', { name: 'Save details' }).click()
    await page.getByRole('button', { name: /^Ada Lovelace\s*, profile menu/ }).waitFor()
    expect(app.sql('select first_name, last_name from user')).toEqual([
      { first_name: 'Ada', last_name: 'Lovelace' },
    ])

    // A bad email is refused beside the field and nothing is saved.
    await page.getByLabel('Email').fill('not an email')
    await page.getByRole('button', { name: 'Save details' }).click()
    await page.getByText('Enter a valid email address.').waitFor()
    expect(app.sql('select email from user')).toEqual([{ email: 'ada@example.com' }])

    const passwordSection = page.getByRole('region', { name: 'Password' })
    await passwordSection.getByLabel('Current password').fill('wrong password')
    await passwordSection.getByLabel('New password', { exact: true }).fill('a new long password')
    await passwordSection.getByLabel('New password again').fill('a new long password')
    await passwordSection.getByRole('button', { name: 'Change password' }).click()
    await passwordSection.getByText('The password is wrong.').waitFor()

    const deleteSection = page.getByRole('region', { name: 'Delete profile' })
    await deleteSection.getByLabel('Your password').fill(PASSWORD)
    await deleteSection.getByRole('button', { name: 'Delete this profile' }).click()
    await page.getByText('The profile and its favorites will be deleted.', { exact: false }).waitFor()
    await page.getByRole('button', { name: 'Delete profile' }).click()
    await page.getByRole('heading', { name: 'Welcome' }).waitFor()
    expect(app.sql('select count(*) as n from user')).toEqual([{ n: 0 }])
    expect(problems).toEqual([])
  })
})
