import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { type AppUnderTest, createProfile, openApp } from './support/app-browser.ts'
import { e2eFile } from './support/lifecycle.ts'
import { expectAccessibleInBothSchemes, UNDER_LOAD } from './support/screens.ts'

const e2e = e2eFile()
let app: AppUnderTest | undefined

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' })
const paletteSearch = (page: Page) =>
  palette(page).getByRole('combobox', { name: 'Search or type a command' })

describe('the command palette and the keyboard', { timeout: 120_000 }, () => {
  test('Ctrl+K finds a film by the start of a word of its title typed without accents, and Enter opens it; its “Add person” opens the person form; shortcuts work and are listed', async () => {
    app = await e2e.startApp({
      seed: async (call) => {
        await call('movies:create', { title: 'Le Fabuleux Destin d’Amélie Poulain' })
        await call('movies:create', { title: 'Playtime' })
        await call('people:create', { firstName: 'Jacques', lastName: 'Tati' })
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await createProfile(page, { username: 'ada' })
    await page.getByRole('link', { name: 'People', exact: true }).click()
    await page.getByRole('heading', { name: 'People', exact: true }).waitFor()

    await page.keyboard.press('Control+K')
    await paletteSearch(page).waitFor()
    await palette(page)
      .getByRole('option', { name: /Add movie/ })
      .waitFor()
    await expectAccessibleInBothSchemes(page, 'the command palette', 'palette-commands')
    await page.keyboard.type('fabul desti amel')
    const film = palette(page).getByRole('option', { name: /Le Fabuleux Destin d’Amélie Poulain/ })
    await film.waitFor()
    await expect.poll(() => film.getAttribute('aria-selected'), UNDER_LOAD).toBe('true')
    expect(await paletteSearch(page).getAttribute('aria-activedescendant')).toBe(
      await film.getAttribute('id'),
    )
    await expectAccessibleInBothSchemes(page, 'the command palette with results', 'palette-results')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /Le Fabuleux Destin d’Amélie Poulain/ }).waitFor()
    await expect.poll(() => palette(page).count(), UNDER_LOAD).toBe(0)

    // "/" opens it too; a command is found by the words of its name.
    await page.locator('body').press('/')
    await paletteSearch(page).fill('add pers')
    await palette(page)
      .getByRole('option', { name: /Add person/ })
      .waitFor()
    // Enter at once, as a person typing fast does: the first line shown is the one it opens.
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Add a person' }).waitFor()

    // ? lists every shortcut; n and f do what it says, outside text fields.
    // Out of any field (a click on the page's heading), where single keys are shortcuts.
    await page.getByRole('heading', { name: 'Add a person' }).click()
    await page.keyboard.press('Shift+?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await help.getByRole('row', { name: /^N\s+Add movie$/ }).waitFor()
    await help.getByRole('row', { name: /^F\s+Go to favorites$/ }).waitFor()
    await help.getByRole('row', { name: /^Shift\s+N\s+Add person$/ }).waitFor()
    await expectAccessibleInBothSchemes(page, 'the keyboard shortcuts', 'shortcuts-help')
    await page.keyboard.press('Escape')
    await expect.poll(() => help.count(), UNDER_LOAD).toBe(0)
    await page.keyboard.press('f')
    await page.getByRole('heading', { name: 'Favorites', exact: true }).waitFor()
    await page.keyboard.press('n')
    await page.getByRole('heading', { name: 'Add a movie' }).waitFor()
    // In a text field, the same key is typing.
    await page.getByRole('textbox', { name: 'Title' }).focus()
    await page.keyboard.type('nf')
    expect(await page.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('nf')
    await page.getByRole('textbox', { name: 'Title' }).fill('')

    // The theme, from the palette.
    await page.keyboard.press('Control+K')
    await paletteSearch(page).fill('dark')
    await palette(page).getByRole('option', { name: 'Switch to the dark theme' }).click()
    await expect
      .poll(
        () => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme')),
        UNDER_LOAD,
      )
      .toBe('dark')
    expect(problems).toEqual([])
  })
})
