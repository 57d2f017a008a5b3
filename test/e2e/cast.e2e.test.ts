import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { type AppUnderTest, createProfile, openApp } from './support/app-browser.ts'
import { e2eFile } from './support/lifecycle.ts'
import { expectAccessibleInBothSchemes, UNDER_LOAD } from './support/screens.ts'

const e2e = e2eFile()
let app: AppUnderTest | undefined

const addForm = (page: Page) => page.getByRole('form', { name: 'Add a character' })
const castTable = (page: Page) => page.getByRole('table', { name: 'Cast' })

/** A catalogue with one film and one person who may play in it; the film's page opened, signed in. */
async function openFilm(): Promise<{ page: Page; problems: string[] }> {
  let movieId = 0
  app = await e2e.startApp({
    seed: async (call) => {
      await call('people:create', { firstName: 'Pierre', lastName: 'Fresnay' })
      movieId = (await call('movies:create', { title: 'La Grande Illusion', releaseDate: '1937-06-04' })).id
    },
  })
  const opened = await openApp(e2e.browser(), app.url)
  await createProfile(opened.page, { username: 'ada' })
  await opened.page.goto(`${app.url}movies/${movieId}`)
  await opened.page.getByRole('heading', { name: /^La Grande Illusion/ }).waitFor()
  return opened
}

describe('the cast', { timeout: 180_000 }, () => {
  test('two characters, one played by a person created on the spot and one by someone already there; the actor’s page shows the part; one removed', async () => {
    const { page, problems } = await openFilm()
    await page.getByText('No characters yet: add the first one below.').waitFor()

    const form = addForm(page)
    await form.getByRole('textbox', { name: 'Character name', exact: true }).fill('Lieutenant Maréchal')
    await form.getByRole('combobox', { name: 'Role' }).click()
    await page.getByRole('option', { name: 'Lead', exact: true }).click()
    await form.getByRole('combobox', { name: 'Played by' }).fill('Jean Gabin')
    await page.getByRole('option', { name: 'Add “Jean Gabin” as a new person' }).click()
    await expect
      .poll(() => form.getByRole('combobox', { name: 'Played by' }).inputValue(), UNDER_LOAD)
      .toBe('Jean Gabin')
    await form.getByRole('textbox', { name: 'Description' }).fill('A mechanic from Paris')
    await form.getByRole('textbox', { name: 'Description' }).press('Enter')
    await castTable(page)
      .getByRole('row', { name: /Lieutenant Maréchal/ })
      .waitFor()
    // Ready for the next one at once.
    await expect
      .poll(() => form.getByRole('textbox', { name: 'Character name', exact: true }).inputValue(), UNDER_LOAD)
      .toBe('')

    await form.getByRole('textbox', { name: 'Character name', exact: true }).fill('Captain de Boëldieu')
    await form.getByRole('combobox', { name: 'Played by' }).fill('fresn')
    await page.getByRole('option', { name: 'Pierre Fresnay' }).click()
    await form.getByRole('textbox', { name: 'Character name', exact: true }).press('Enter')
    await castTable(page)
      .getByRole('row', { name: /Captain de Boëldieu/ })
      .waitFor()
    await expectAccessibleInBothSchemes(page, 'the movie page with its cast editor', 'cast-editor')

    expect(
      app!.sql(
        `select c.name, c.role, c.description, p.first_name || ' ' || p.last_name as actor
           from character c left join person p on p.id = c.actor_id order by c.id`,
      ),
    ).toEqual([
      {
        name: 'Lieutenant Maréchal',
        role: 'lead',
        description: 'A mechanic from Paris',
        actor: 'Jean Gabin',
      },
      { name: 'Captain de Boëldieu', role: 'supporting', description: null, actor: 'Pierre Fresnay' },
    ])

    // The actor's page, reached without a reload, shows the part and the film with its year.
    await castTable(page).getByRole('link', { name: 'Jean Gabin' }).click()
    await page.getByRole('heading', { name: 'Jean Gabin' }).waitFor()
    const played = page.getByRole('table', { name: 'Played (1)' })
    await played
      .getByRole('row', { name: /1937\s+Lieutenant Maréchal\s+Lead\s+La Grande Illusion/ })
      .waitFor()

    // Renamed on the film's page, the part is renamed on the actor's page, still without a reload.
    await played.getByRole('link', { name: 'La Grande Illusion' }).click()
    await castTable(page).getByRole('button', { name: 'Edit Lieutenant Maréchal' }).click()
    const edit = page.getByRole('form', { name: 'Edit Lieutenant Maréchal' })
    await edit
      .getByRole('textbox', { name: 'Character name', exact: true })
      .fill('Lieutenant Maréchal, mechanic')
    await edit.getByRole('textbox', { name: 'Character name', exact: true }).press('Enter')
    await castTable(page)
      .getByRole('row', { name: /Lieutenant Maréchal, mechanic/ })
      .waitFor()
    await page.goBack()
    await page.getByRole('heading', { name: 'Jean Gabin' }).waitFor()
    await page.getByRole('table', { name: 'Played (1)' }).getByText('Lieutenant Maréchal, mechanic').waitFor()
    await page.goForward()

    // Removed after asking; the person who played it stays.
    await castTable(page).getByRole('button', { name: 'Remove Captain de Boëldieu' }).click()
    const dialog = page.getByRole('dialog', { name: 'Remove Captain de Boëldieu from the cast?' })
    await dialog.getByText('The character is deleted; Pierre Fresnay stays in the catalogue.').waitFor()
    await dialog.getByRole('button', { name: 'Remove character' }).click()
    await expect.poll(() => castTable(page).getByRole('row').count(), UNDER_LOAD).toBe(2)
    expect(app!.sql('select name from character')).toEqual([{ name: 'Lieutenant Maréchal, mechanic' }])
    expect(app!.sql("select count(*) as n from person where last_name = 'Fresnay'")).toEqual([{ n: 1 }])
    expect(problems).toEqual([])
  })

  test('Enter on a typed actor takes the first line of the list, a new person included, never saving without them', async () => {
    const { page, problems } = await openFilm()
    const form = addForm(page)
    const actor = form.getByRole('combobox', { name: 'Played by' })

    // A name nobody has, and Enter twice at once, as a fast typist does: the first adds the person (before the
    // list has even caught up), the second saves the character with them once they are added.
    await form.getByRole('textbox', { name: 'Character name', exact: true }).fill('Rosenthal')
    await actor.click()
    await page.keyboard.type('Marcel Dalio')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await castTable(page)
      .getByRole('row', { name: /Rosenthal.*Marcel Dalio/ })
      .waitFor()

    // A prefix of someone there: Enter takes them, and no second Dalio is made.
    await form.getByRole('textbox', { name: 'Character name', exact: true }).fill('Rosenthal, later')
    await actor.click()
    await page.keyboard.type('dal')
    await page.keyboard.press('Enter')
    await expect.poll(() => actor.inputValue(), UNDER_LOAD).toBe('Marcel Dalio')
    await page.keyboard.press('Enter')
    await castTable(page)
      .getByRole('row', { name: /Rosenthal, later.*Marcel Dalio/ })
      .waitFor()

    // Enter, then Tab on at once, before the list has caught up: what was typed is still found or added, and the
    // Enter in the description saves the character with them, not without.
    const quickly = async (character: string, typed: string, description: string) => {
      await form.getByRole('textbox', { name: 'Character name', exact: true }).fill(character)
      await actor.click()
      await page.keyboard.type(typed)
      await page.keyboard.press('Enter')
      await page.keyboard.press('Tab')
      await page.keyboard.type(description)
      await page.keyboard.press('Enter')
      await castTable(page)
        .getByRole('row', { name: new RegExp(`${character}\\b`) })
        .waitFor()
    }
    await quickly('Elsa', 'Dita Parlo', 'A farmer’s widow')
    await quickly('Demolder', 'fresn', 'A teacher')

    expect(
      app!.sql(
        'select c.name, c.description, p.first_name as first, p.last_name as last from character c left join person p on p.id = c.actor_id order by c.id',
      ),
    ).toEqual([
      { name: 'Rosenthal', description: null, first: 'Marcel', last: 'Dalio' },
      { name: 'Rosenthal, later', description: null, first: 'Marcel', last: 'Dalio' },
      { name: 'Elsa', description: 'A farmer’s widow', first: 'Dita', last: 'Parlo' },
      { name: 'Demolder', description: 'A teacher', first: 'Pierre', last: 'Fresnay' },
    ])
    expect(app!.sql('select count(*) as n from person')).toEqual([{ n: 3 }])
    expect(problems).toEqual([])
  })

  test('thirty characters by keyboard alone: Tab through the fields, Enter adds, the next name is ready', async () => {
    const { page, problems } = await openFilm()
    await addForm(page).getByRole('textbox', { name: 'Character name', exact: true }).focus()
    for (let index = 1; index <= 30; index++) {
      await page.keyboard.type(`Prisoner ${index}`)
      await page.keyboard.press('Tab') // Role
      if (index === 1) {
        await page.keyboard.press('ArrowDown')
        // As a person would, once the list is seen open. Keys sent faster than the renderer runs its timers beat
        // Mantine's own deferred choice of the highlighted role on opening, which no hand on a keyboard can.
        await page.getByRole('option', { name: 'Lead', exact: true }).waitFor()
        await page.keyboard.press('ArrowUp')
        await page.keyboard.press('Enter') // the first of the roles: Lead
      }
      await page.keyboard.press('Tab') // Played by
      if (index % 10 === 0) {
        await page.keyboard.type('Fresnay')
        await page.getByRole('option', { name: 'Pierre Fresnay' }).waitFor()
        await page.keyboard.press('ArrowDown')
        await page.keyboard.press('Enter')
      }
      await page.keyboard.press('Tab') // Description
      await page.keyboard.type(`Number ${index}`)
      await page.keyboard.press('Enter')
      await castTable(page)
        .getByRole('row', { name: new RegExp(`Prisoner ${index}\\b`) })
        .waitFor()
      await expect
        .poll(
          () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value),
          UNDER_LOAD,
        )
        .toBe('')
    }
    expect(app!.sql('select count(*) as n from character')).toEqual([{ n: 30 }])
    expect(
      app!.sql(
        "select count(*) as n from character c join person p on p.id = c.actor_id where p.last_name = 'Fresnay'",
      ),
    ).toEqual([{ n: 3 }])
    expect(app!.sql("select role from character where name = 'Prisoner 1'")).toEqual([{ role: 'lead' }])
    expect(app!.sql("select description from character where name = 'Prisoner 30'")).toEqual([
      { description: 'Number 30' },
    ])
    expect(await castTable(page).getByRole('row').count()).toBe(31)
    expect(problems).toEqual([])
  })
})
