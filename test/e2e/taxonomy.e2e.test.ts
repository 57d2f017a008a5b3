import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { type AppUnderTest, createProfile, descriptionOf, openApp } from './support/app-browser.ts'
import { e2eFile } from './support/lifecycle.ts'
import { expectAccessibleInBothSchemes, UNDER_LOAD } from './support/screens.ts'

const e2e = e2eFile()
let app: AppUnderTest | undefined

const genres = (page: Page) => page.getByRole('region', { name: 'Genres' })
const countries = (page: Page) => page.getByRole('region', { name: 'Countries' })

describe('genres and countries', { timeout: 240_000 }, () => {
  test('a rename onto a name that differs only in capitals or accents is refused in words and changes nothing; a genre opens its films; deleting a country says what it clears', async () => {
    app = await e2e.startApp({
      seed: async (call) => {
        const all = await call('genres:list', {})
        const comedy = all.find((genre) => genre.name === 'Comedy')!.id
        const france = (await call('countries:list', {})).find((country) => country.name === 'France')!.id
        await call('people:create', { firstName: 'Jacques', lastName: 'Tati', countryId: france })
        await call('movies:create', { title: 'Playtime', genreIds: [comedy], countryId: france })
        await call('movies:create', { title: 'Mon Oncle', genreIds: [comedy], countryId: france })
        await call('movies:create', { title: 'Solaris' })
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await createProfile(page, { username: 'ada' })
    await page.getByRole('link', { name: 'Genres & countries' }).click()
    await page.getByRole('heading', { name: 'Genres and countries' }).waitFor()
    await genres(page).getByRole('listitem').filter({ hasText: 'Comedy' }).getByText('2 films').waitFor()
    await expectAccessibleInBothSchemes(page, 'the genres and countries page', 'genres-and-countries')

    const before = app.sql('select id, name, name_key from genre order by id')
    // Another genre's name in other capitals and with an accent: refused, in words, beside the field.
    // The find box brings any genre into view, as the keyboard would use it.
    await genres(page).getByRole('textbox', { name: 'Find a genre' }).fill('west')
    await genres(page).getByRole('button', { name: 'Rename Western' }).click()
    const rename = genres(page).getByRole('textbox', { name: 'New name for Western' })
    for (const name of ['COMEDY', 'Cómedy']) {
      await rename.fill(name)
      await rename.press('Enter')
      await genres(page).getByText('A genre named "Comedy" already exists.').waitFor()
      expect(await descriptionOf(rename)).toContain(
        'Names that differ only in capitals or accents count as the same.',
      )
    }
    await expectAccessibleInBothSchemes(page, 'a refused rename', 'genre-rename-refused')
    await rename.press('Escape')
    await genres(page).getByRole('link', { name: 'Western' }).waitFor()
    expect(app.sql('select id, name, name_key from genre order by id')).toEqual(before)

    // The same for a new genre.
    await genres(page).getByRole('textbox', { name: 'New genre' }).fill('comédy')
    await genres(page).getByRole('button', { name: 'Add genre' }).click()
    await genres(page).getByText('A genre named "Comedy" already exists.').waitFor()
    expect(app.sql('select count(*) as n from genre')).toEqual([{ n: before.length }])

    // A genre opens the films that have it.
    await genres(page).getByRole('button', { name: 'Clear search' }).click()
    await genres(page).getByRole('link', { name: 'Comedy' }).click()
    await page.getByRole('heading', { name: 'Movies', exact: true }).waitFor()
    await page.getByText('2 movies match').waitFor()
    expect(await page.getByRole('table', { name: 'Movies' }).getByRole('link').allTextContents()).toEqual([
      'Mon Oncle',
      'Playtime',
    ])
    await page.goBack()

    // Deleting a country says what it clears first; films and people stay without it.
    await countries(page).getByRole('textbox', { name: 'Find a country' }).fill('fran')
    await countries(page).getByRole('button', { name: 'Delete France' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete the country “France”?' })
    await dialog.getByText('2 films and 1 person lose this country; nothing else is deleted.').waitFor()
    await dialog.getByRole('button', { name: 'Delete country' }).click()
    await expect.poll(() => countries(page).getByRole('link').allTextContents(), UNDER_LOAD).toEqual([])
    expect(app.sql("select count(*) as n from country where name = 'France'")).toEqual([{ n: 0 }])
    expect(app.sql('select title, country_id from movie order by title')).toEqual([
      { title: 'Mon Oncle', country_id: null },
      { title: 'Playtime', country_id: null },
      { title: 'Solaris', country_id: null },
    ])
    expect(app.sql('select last_name, country_id from person')).toEqual([
      { last_name: 'Tati', country_id: null },
    ])
    expect(problems).toEqual([])
  })
})
