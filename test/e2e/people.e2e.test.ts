import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import {
  type AppUnderTest,
  createProfile,
  descriptionOf,
  openApp,
  saveScreen,
} from './support/app-browser.ts'
import { e2eFile } from './support/lifecycle.ts'
import { expectAccessibleInBothSchemes, pasteImage, UNDER_LOAD } from './support/screens.ts'

const e2e = e2eFile()
let app: AppUnderTest | undefined

const photoPng = () =>
  sharp({ create: { width: 240, height: 320, channels: 3, background: { r: 120, g: 80, b: 60 } } })
    .png()
    .toBuffer()

const peopleList = (page: Page) => page.getByRole('table', { name: 'People' })

/** Signs in as a new profile and opens the people list from the navigation. */
async function openPeople(page: Page) {
  await createProfile(page, { username: 'ada' })
  await page.getByRole('link', { name: 'People', exact: true }).click()
  await page.getByRole('heading', { name: 'People', exact: true }).waitFor()
}

describe('people', { timeout: 120_000 }, () => {
  test('a person with a pasted photo and every field; the biography edited; all of it on their page', async () => {
    app = await e2e.startApp()
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await openPeople(page)
    await page.getByText('No people yet').waitFor()
    await expectAccessibleInBothSchemes(page, 'the empty people list', 'people-empty')

    await page.getByRole('link', { name: 'Add person' }).click()
    await page.getByRole('heading', { name: 'Add a person' }).waitFor()
    // Neither name yet: said beside the field, nothing stored.
    await page.getByRole('button', { name: 'Add person' }).click()
    await page.getByText('A person needs a first or a last name.').waitFor()
    expect(await descriptionOf(page.getByRole('textbox', { name: 'Last name' }))).toContain(
      'A person needs a first or a last name.',
    )

    await page.getByRole('textbox', { name: 'First name' }).fill('Agnès')
    await page.getByRole('textbox', { name: 'Last name' }).fill('Varda')
    await page.getByRole('textbox', { name: 'Date of birth' }).fill('30/05/1928')
    await page.getByText('Reads as 30 May 1928').waitFor()
    await page.getByRole('combobox', { name: 'Gender' }).click()
    await page.getByRole('option', { name: 'Female', exact: true }).click()
    await page.getByRole('combobox', { name: 'Country' }).fill('Fran')
    await page.getByRole('option', { name: 'France', exact: true }).click()
    await page.getByRole('textbox', { name: 'Biography' }).fill('Photographer first.')
    await page.getByRole('group', { name: 'Photo' }).focus()
    await pasteImage(page, await photoPng(), 'varda.png')
    await page.getByRole('img', { name: 'Photo: chosen image' }).waitFor()
    await expectAccessibleInBothSchemes(page, 'the person form', 'person-form-filled')
    await page.getByRole('button', { name: 'Add person' }).click()

    await page.getByRole('heading', { name: 'Agnès Varda' }).waitFor()
    await page.getByText(/^30 May 1928 \(\d+ years ago\)$/).waitFor()
    await page.getByText('Female', { exact: true }).waitFor()
    await page.getByText('France', { exact: true }).waitFor()
    await page.getByRole('img', { name: 'Photo of Agnès Varda' }).waitFor()

    // A longer biography, in paragraphs: the page keeps them.
    await page.getByRole('link', { name: 'Edit' }).click()
    await page.getByRole('heading', { name: 'Edit Agnès Varda' }).waitFor()
    await page
      .getByRole('textbox', { name: 'Biography' })
      .fill('Photographer first, then filmmaker.\n\nA founder of the French New Wave.')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByRole('heading', { name: 'Agnès Varda' }).waitFor()
    const biography = page.getByRole('region', { name: 'Biography' })
    await biography.getByText('Photographer first, then filmmaker.').waitFor()
    expect(await biography.locator('p').allTextContents()).toEqual([
      'Photographer first, then filmmaker.',
      'A founder of the French New Wave.',
    ])
    await expectAccessibleInBothSchemes(page, 'the person page', 'person-page')

    expect(
      app.sql(
        `select p.first_name, p.last_name, p.date_of_birth, p.gender, p.biography, c.name as country,
                f.mime_type as photo
           from person p left join country c on c.id = p.country_id left join file f on f.id = p.primary_photo_id`,
      ),
    ).toEqual([
      {
        first_name: 'Agnès',
        last_name: 'Varda',
        date_of_birth: '1928-05-30',
        gender: 'female',
        biography: 'Photographer first, then filmmaker.\n\nA founder of the French New Wave.',
        country: 'France',
        photo: 'image/png',
      },
    ])

    // The list shows her, with her photo, found without the accent.
    await page.getByRole('link', { name: 'All people' }).click()
    await page.getByRole('textbox', { name: 'Search people' }).fill('agnes')
    await peopleList(page).getByRole('link', { name: 'Agnès Varda' }).waitFor()
    await page.getByText('1 person match').waitFor()
    expect(problems).toEqual([])
  })

  test('a save over a newer one is refused with an offer to load it; nothing is lost silently', async () => {
    let vardaId = 0
    app = await e2e.startApp({
      seed: async (call) => {
        vardaId = (await call('people:create', { firstName: 'Agnès', lastName: 'Varda' })).id
      },
    })
    const first = await openApp(e2e.browser(), `${app.url}`)
    await createProfile(first.page, { username: 'ada' })
    await first.page.goto(`${app.url}people/${vardaId}/edit`)
    await first.page.getByRole('heading', { name: 'Edit Agnès Varda' }).waitFor()

    // Another window saves first.
    const second = await openApp(e2e.browser(), `${app.url}people/${vardaId}/edit`)
    await second.page.getByRole('textbox', { name: 'Biography' }).fill('Saved in the other window.')
    await second.page.getByRole('button', { name: 'Save changes' }).click()
    await second.page.getByRole('heading', { name: 'Agnès Varda' }).waitFor()

    await first.page.getByRole('textbox', { name: 'Biography' }).fill('Typed in this window.')
    await first.page.getByRole('button', { name: 'Save changes' }).click()
    const alert = first.page.getByRole('alert').filter({ hasText: 'This person was changed elsewhere' })
    await alert.waitFor()
    expect(app.sql('select biography from person')).toEqual([{ biography: 'Saved in the other window.' }])
    await alert.getByRole('button', { name: 'Load the saved version' }).click()
    await expect
      .poll(() => first.page.getByRole('textbox', { name: 'Biography' }).inputValue(), UNDER_LOAD)
      .toBe('Saved in the other window.')
    expect([...first.problems, ...second.problems]).toEqual([])
  })

  test('a long career opens at once: the first hundred films, and more on request', async () => {
    let prolificId = 0
    app = await e2e.startApp({
      seed: async (call) => {
        prolificId = (await call('people:create', { firstName: 'Jess', lastName: 'Franco' })).id
        for (let index = 1; index <= 130; index++) {
          await call('movies:create', {
            title: `Film ${String(index).padStart(3, '0')}`,
            releaseDate: String(1950 + (index % 60)),
            directorId: prolificId,
          })
        }
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await createProfile(page, { username: 'ada' })
    await page.goto(`${app.url}people/${prolificId}`)
    const directed = page.getByRole('table', { name: /^Directed/ })
    await page.getByRole('heading', { name: 'Directed (130)' }).waitFor()
    // A header row and the first hundred films.
    await expect.poll(() => directed.getByRole('row').count(), UNDER_LOAD).toBe(101)
    await page.getByRole('button', { name: 'Show 30 more films (30 not shown)' }).click()
    await expect.poll(() => directed.getByRole('row').count(), UNDER_LOAD).toBe(131)
    expect(await page.getByRole('button', { name: /more films/ }).count()).toBe(0)
    expect(problems).toEqual([])
  })

  test('deleting someone who directed a film and played a character says both counts first; the film and character stay', async () => {
    let kaneId = 0
    app = await e2e.startApp({
      seed: async (call) => {
        const welles = await call('people:create', { firstName: 'Orson', lastName: 'Welles' })
        const cotten = await call('people:create', { firstName: 'Joseph', lastName: 'Cotten' })
        const kane = await call('movies:create', { title: 'Citizen Kane', directorId: welles.id })
        kaneId = kane.id
        const thirdMan = await call('movies:create', { title: 'The Third Man' })
        await call('characters:add', { movieId: kane.id, name: 'Charles Foster Kane', actorId: welles.id })
        await call('characters:add', { movieId: thirdMan.id, name: 'Harry Lime', actorId: welles.id })
        await call('characters:add', { movieId: kane.id, name: 'Jedediah Leland', actorId: cotten.id })
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await openPeople(page)
    await peopleList(page).getByRole('link', { name: 'Orson Welles' }).click()
    await page.getByRole('heading', { name: 'Orson Welles' }).waitFor()
    await page
      .getByRole('table', { name: 'Directed (1)' })
      .getByRole('link', { name: 'Citizen Kane' })
      .waitFor()
    await page.getByRole('table', { name: 'Played (2)' }).getByText('Harry Lime').waitFor()

    await page.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete Orson Welles?' })
    await dialog
      .getByText('1 film loses its director and 2 characters lose their actor. The films and characters stay')
      .waitFor()
    await expectAccessibleInBothSchemes(page, 'the delete-person confirmation', 'person-delete-confirm')
    await dialog.getByRole('button', { name: 'Delete person' }).click()
    await page.getByRole('heading', { name: 'People', exact: true }).waitFor()
    await expect
      .poll(() => peopleList(page).getByRole('link').allTextContents(), UNDER_LOAD)
      .toEqual(['Joseph Cotten'])

    expect(app.sql("select id from person where last_name = 'Welles'")).toEqual([])
    expect(app.sql('select title, director_id from movie order by title')).toEqual([
      { title: 'Citizen Kane', director_id: null },
      { title: 'The Third Man', director_id: null },
    ])
    expect(app.sql('select name, actor_id is null as unplayed from character order by name')).toEqual([
      { name: 'Charles Foster Kane', unplayed: 1 },
      { name: 'Harry Lime', unplayed: 1 },
      { name: 'Jedediah Leland', unplayed: 0 },
    ])

    // The film says so too: no director, and its character played by nobody known yet.
    await page.goto(`${app.url}movies/${kaneId}`)
    await page.getByRole('heading', { name: 'Citizen Kane' }).waitFor()
    expect(await page.getByText('Director', { exact: true }).count()).toBe(0)
    const kaneRow = page.getByRole('row', { name: /Charles Foster Kane/ })
    await kaneRow.getByText('Not known yet').waitFor()
    expect(problems).toEqual([])
  })

  test('1,500 people: searched as you type without accents, sorted by age, the end one drag away', async () => {
    app = await e2e.startApp({
      seed: async (call) => {
        for (let index = 0; index < 1500; index++) {
          await call('people:create', {
            firstName: ['Émile', 'Anna', 'Zoë', 'Björn', 'Carl'][index % 5],
            lastName: `Person ${String(index).padStart(4, '0')}`,
            dateOfBirth: index % 4 === 0 ? null : `${1900 + (index % 97)}-0${1 + (index % 9)}-1${index % 10}`,
          })
        }
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await openPeople(page)
    await page.getByText('1,500 people').waitFor()
    await expectAccessibleInBothSchemes(page, 'the people list, full', 'people-1500')

    // Typed without its accent, a first name finds everyone who has it.
    const emiles = app.sql<{ n: number }>("select count(*) as n from person where first_name = 'Émile'")[0]!.n
    await page.getByRole('textbox', { name: 'Search people' }).fill('emil')
    await page.getByText(`${emiles} people match`).waitFor()
    await page.getByRole('button', { name: 'Clear search' }).click()
    await page.getByText('1,500 people', { exact: true }).waitFor()

    // Oldest first: the first row is the oldest person; the end of the list, those born when nobody knows.
    await page.getByRole('combobox', { name: 'Sort by' }).click()
    await page.getByRole('option', { name: 'Oldest first' }).click()
    const oldest = app.sql<{ last_name: string }>(
      'select last_name from person where date_of_birth is not null order by date_of_birth, id limit 1',
    )[0]!.last_name
    await expect
      .poll(() => peopleList(page).getByRole('link').first().textContent(), UNDER_LOAD)
      .toContain(oldest)
    const lastUnknown = app.sql<{ last_name: string }>(
      'select last_name from person where date_of_birth is null order by id desc limit 1',
    )[0]!.last_name
    const scroller = page.locator('[tabindex="0"]:has(> table)')
    await scroller.evaluate((element) => {
      element.scrollTop = element.scrollHeight
    })
    await peopleList(page)
      .getByRole('link', { name: new RegExp(`${lastUnknown}$`) })
      .waitFor()
    await saveScreen(page, 'people-1500-end')
    // The keyboard brings back the start.
    await scroller.focus()
    await page.keyboard.press('Home')
    await peopleList(page)
      .getByRole('link', { name: new RegExp(`${oldest}$`) })
      .waitFor()
    expect(new URL(page.url()).searchParams.get('order')).toBe('oldest')
    expect(problems).toEqual([])
  })
})
