import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import {
  type AppUnderTest,
  type CatalogCall,
  createProfile,
  descriptionOf,
  expectAccessible,
  openApp,
  PASSWORD,
  saveScreen,
} from './support/app-browser.ts'
import { e2eFile } from './support/lifecycle.ts'
import { pasteImage } from './support/screens.ts'

const e2e = e2eFile()
let app: AppUnderTest | undefined

/** A poster a person might paste: a small PNG with some colour in it. */
const posterPng = () =>
  sharp({ create: { width: 200, height: 300, channels: 3, background: { r: 40, g: 70, b: 140 } } })
    .png()
    .toBuffer()

const signedInProfile = async (call: CatalogCall, username = 'ada') => {
  await call('users:register', {
    username,
    email: `${username}@example.com`,
    password: PASSWORD,
    staySignedIn: true,
  })
}

const listRegion = (page: Page) => page.getByRole('table', { name: 'Movies' })

describe('movies', { timeout: 120_000 }, () => {
  test('a movie with every field: director and a genre created inline, a pasted poster; found without accents; edited', async () => {
    app = await e2e.startApp({
      seed: async (call) => {
        await signedInProfile(call)
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await page.getByRole('heading', { name: 'Movies', exact: true }).waitFor()
    await page.getByText('No movies yet').waitFor()
    await expectAccessible(page, 'the empty catalogue')
    await saveScreen(page, 'movies-empty')

    await page.getByRole('link', { name: 'Add movie' }).click()
    await page.getByRole('heading', { name: 'Add a movie' }).waitFor()
    await page.getByLabel('Title').fill('Le Fabuleux Destin d’Amélie Poulain')
    await page.getByLabel('Release date').fill('25/04/2001')
    await page.getByText('Reads as 25 April 2001').waitFor()
    await page.getByLabel('Running time').fill('2:02')
    await page.getByLabel('Budget').fill('10000000')
    await page
      .getByLabel('Description')
      .fill('A shy waitress in Montmartre decides to change the lives of others.')

    // A director nobody has entered yet, created without leaving the form.
    await page.getByRole('combobox', { name: 'Director' }).fill('Jean-Pierre Jeunet')
    await page.getByRole('option', { name: 'Add “Jean-Pierre Jeunet” as a new person' }).click()
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Director' }).inputValue())
      .toBe('Jean-Pierre Jeunet')

    await page.getByRole('combobox', { name: 'Country' }).fill('Fran')
    await page.getByRole('option', { name: 'France', exact: true }).click()

    // One genre that exists, one created on the spot.
    await page.getByRole('combobox', { name: 'Genres' }).fill('Roman')
    await page.getByRole('option', { name: 'Romance', exact: true }).click()
    await page.getByRole('combobox', { name: 'Genres' }).fill('Fable')
    await page.getByRole('option', { name: 'Create genre “Fable”' }).click()
    await page.getByText('Fable', { exact: true }).waitFor()
    // Still in the field, ready for the next genre: the keyboard's place is not lost while the genre is created.
    expect(
      await page
        .getByRole('combobox', { name: 'Genres' })
        .evaluate((field) => field === document.activeElement),
    ).toBe(true)

    await page.getByRole('group', { name: 'Poster' }).focus()
    await pasteImage(page, await posterPng(), 'amelie.png')
    await page.getByRole('img', { name: 'Poster: chosen image' }).waitFor()
    await expectAccessible(page, 'the movie form')
    await saveScreen(page, 'movie-form-filled')

    await page.getByRole('button', { name: 'Add movie' }).click()
    await page.getByRole('heading', { name: /Le Fabuleux Destin/ }).waitFor()
    await page.getByText('25 April 2001').waitFor()
    await page.getByText('2 h 2 min').waitFor()
    await page.getByRole('link', { name: 'Jean-Pierre Jeunet' }).waitFor()
    await expectAccessible(page, 'the movie page')
    await saveScreen(page, 'movie-page')

    const [stored] = app.sql<Record<string, unknown>>(
      `select m.title, m.release_date, m.release_date_precision, m.duration, m.budget, m.description,
              p.first_name, p.last_name, c.name as country, m.poster_id is not null as has_poster,
              (select group_concat(g.name, ', ') from (select g.name from movie_genre mg join genre g on g.id = mg.genre_id
                where mg.movie_id = m.id order by g.name) g) as genres
         from movie m left join person p on p.id = m.director_id left join country c on c.id = m.country_id`,
    )
    expect(stored).toEqual({
      title: 'Le Fabuleux Destin d’Amélie Poulain',
      release_date: '2001-04-25',
      release_date_precision: 'day',
      duration: 122 * 60,
      budget: 10_000_000,
      description: 'A shy waitress in Montmartre decides to change the lives of others.',
      first_name: 'Jean-Pierre',
      last_name: 'Jeunet',
      country: 'France',
      has_poster: 1,
      genres: 'Fable, Romance',
    })

    // Found by part of a word, without its accent.
    await page.getByRole('link', { name: 'All movies' }).click()
    await page.getByRole('textbox', { name: 'Search movies' }).fill('amel')
    await listRegion(page)
      .getByRole('link', { name: /Amélie Poulain/ })
      .click()

    await page.getByRole('link', { name: 'Edit' }).click()
    await page.getByLabel('Title').fill('Amélie')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByRole('heading', { name: /^Amélie/ }).waitFor()
    await page.getByRole('link', { name: 'All movies' }).click()
    await listRegion(page).getByRole('link', { name: 'Amélie', exact: true }).waitFor()
    expect(app.sql('select title from movie')).toEqual([{ title: 'Amélie' }])
    expect(problems).toEqual([])
  })

  test('a film known only by its year is stored and shown as that year, never as 1 January', async () => {
    app = await e2e.startApp({ seed: (call) => signedInProfile(call) })
    const { page, problems } = await openApp(e2e.browser(), `${app.url}movies/new`)
    await page.getByLabel('Title').fill('Metropolis')
    await page.getByLabel('Release date').fill('1927')
    await page.getByText('Only the year: 1927').waitFor()
    await page.getByRole('button', { name: 'Add movie' }).click()
    await page.getByRole('heading', { name: /^Metropolis/ }).waitFor()
    expect(await page.getByText('1 January').count()).toBe(0)
    await page.getByText('1927', { exact: true }).waitFor()
    expect(app.sql('select release_date, release_date_precision from movie')).toEqual([
      { release_date: '1927-01-01', release_date_precision: 'year' },
    ])
    expect(problems).toEqual([])
  })

  test('bad input in the movie form is said beside each field and nothing is saved', async () => {
    app = await e2e.startApp({ seed: (call) => signedInProfile(call) })
    const { page, problems } = await openApp(e2e.browser(), `${app.url}movies/new`)
    await page.getByLabel('Release date').fill('31/02/2001')
    await page.getByLabel('Running time').fill('two hours')
    await page.getByRole('button', { name: 'Add movie' }).click()
    await page.getByText('Title is required.').waitFor()
    expect(await descriptionOf(page.getByLabel('Release date'))).toContain('This is not a date')
    expect(await descriptionOf(page.getByLabel('Running time'))).toContain('This is not a running time')
    // The first field at fault has the cursor.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('id')))
      .toBe(await page.getByLabel('Title').getAttribute('id'))
    await saveScreen(page, 'movie-form-errors')
    expect(app.sql('select count(*) as n from movie')).toEqual([{ n: 0 }])

    // Leaving with unsaved changes asks first; staying keeps what was typed.
    await page.getByLabel('Title').fill('Half typed')
    await page.getByRole('link', { name: 'Movies' }).first().click()
    await page.getByRole('dialog', { name: 'Leave without saving?' }).waitFor()
    await page.getByRole('button', { name: 'Keep editing' }).click()
    expect(await page.getByLabel('Title').inputValue()).toBe('Half typed')
    expect(problems).toEqual([])
  })

  test('a save over a newer save is refused, says so, and offers the newer version', async () => {
    app = await e2e.startApp({
      seed: async (call) => {
        await signedInProfile(call)
        await call('movies:create', { title: 'Playtime', durationSeconds: 124 * 60 })
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await listRegion(page).getByRole('link', { name: 'Playtime' }).click()
    await page.getByRole('link', { name: 'Edit' }).click()
    await page.getByLabel('Title').fill('Play Time')

    // Meanwhile another window saves the same movie.
    const other = await openApp(e2e.browser(), app.url)
    await other.page.getByRole('heading', { name: 'Movies', exact: true }).waitFor()
    await other.page.evaluate(async () => {
      const { catalog } = window as unknown as { catalog: import('../../src-shared/bridge.ts').CatalogBridge }
      const list = await catalog.invoke('movies:list', {})
      if (!list.ok) throw new Error(list.error.message)
      const [movie] = (list.value as { items: { id: number }[] }).items
      await catalog.invoke('movies:update', { id: movie?.id, title: 'Playtime (1967)' })
    })

    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('This movie was changed elsewhere').waitFor()
    expect(app.sql('select title from movie')).toEqual([{ title: 'Playtime (1967)' }])
    await expectAccessible(page, 'the stale-edit warning')
    await saveScreen(page, 'movie-form-conflict')
    await page.getByRole('button', { name: 'Load the saved version' }).click()
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Playtime (1967)')
    expect([...problems, ...other.problems]).toEqual([])
  })

  test('favorites: from the list and from the movie page; a second profile sees none', async () => {
    app = await e2e.startApp({
      seed: async (call) => {
        await signedInProfile(call)
        for (const title of ['Alien', 'Brazil', 'Casablanca']) await call('movies:create', { title })
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await listRegion(page).getByRole('button', { name: 'Add “Brazil” to favorites' }).click()
    await listRegion(page).getByRole('button', { name: 'Remove “Brazil” from favorites' }).waitFor()

    await listRegion(page).getByRole('link', { name: 'Casablanca' }).click()
    await page.getByRole('button', { name: 'Add “Casablanca” to favorites' }).click()
    await page.getByRole('button', { name: 'Remove “Casablanca” from favorites' }).waitFor()

    await page.getByRole('link', { name: 'Favorites' }).click()
    await page.getByRole('heading', { name: 'Favorites', exact: true }).waitFor()
    const favorites = page.getByRole('table', { name: 'Favorites' })
    await favorites.getByRole('link', { name: 'Casablanca' }).waitFor()
    expect(await favorites.getByRole('link').allTextContents()).toEqual(['Brazil', 'Casablanca'])
    await expectAccessible(page, 'the favorites page')
    await saveScreen(page, 'favorites')
    expect(
      app.sql('select m.title from favorite_movie f join movie m on m.id = f.movie_id order by m.title'),
    ).toEqual([{ title: 'Brazil' }, { title: 'Casablanca' }])

    // Un-favorited in place, it leaves the list.
    await favorites.getByRole('button', { name: 'Remove “Brazil” from favorites' }).click()
    await expect.poll(() => favorites.getByRole('link').allTextContents()).toEqual(['Casablanca'])

    // Another profile has favorites of its own: none yet.
    await page.getByRole('button', { name: /profile menu/ }).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Create another profile' }).click()
    await createProfile(page, { username: 'grace' })
    await page.getByRole('link', { name: 'Favorites' }).click()
    await page.getByText('No favorites yet').waitFor()
    await expectAccessible(page, 'an empty favorites page')
    expect(problems).toEqual([])
  })

  test('deleting a movie shows what goes with it first, then it is gone from the list and the database', async () => {
    app = await e2e.startApp({
      seed: async (call) => {
        await signedInProfile(call)
        const movie = await call('movies:create', { title: 'Stalker' })
        await call('movies:create', { title: 'Solaris' })
        await call('characters:add', { movieId: movie.id, name: 'The Writer' })
        await call('characters:add', { movieId: movie.id, name: 'The Professor' })
        await call('favorites:add', { movieId: movie.id })
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await listRegion(page).getByRole('link', { name: 'Stalker' }).click()
    await page.getByRole('button', { name: 'Delete' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete “Stalker”?' })
    await dialog
      .getByText('The movie and its 2 characters and 1 favorite (across every profile) will be deleted.')
      .waitFor()
    await expectAccessible(page, 'the delete confirmation')
    await saveScreen(page, 'movie-delete-confirm')
    await dialog.getByRole('button', { name: 'Delete movie' }).click()
    await page.getByRole('heading', { name: 'Movies', exact: true }).waitFor()
    await expect.poll(() => listRegion(page).getByRole('link').allTextContents()).toEqual(['Solaris'])
    expect(app.sql('select title from movie')).toEqual([{ title: 'Solaris' }])
    expect(app.sql('select count(*) as n from character')).toEqual([{ n: 0 }])
    expect(app.sql('select count(*) as n from favorite_movie')).toEqual([{ n: 0 }])
    expect(problems).toEqual([])
  })
})

/** Titles like a real shelf: a word or three, some repeated, some accented. */
const WORDS = [
  'Night',
  'River',
  'Ghost',
  'Summer',
  'Tokyo',
  'Story',
  'Mood',
  'Love',
  'Portrait',
  'Fire',
  'Mirror',
  'Rain',
  'City',
  'Lights',
  'Amélie',
  'Winter',
  'Éclair',
  'Zodiac',
]

describe('a catalogue of 2,000 films', { timeout: 240_000 }, () => {
  test('the end of the list is one drag away; a genre and a year range leave exactly the films their counts say', async () => {
    const titles: string[] = []
    app = await e2e.startApp({
      seed: async (call) => {
        await signedInProfile(call)
        const genres = await call('genres:list', {})
        let seed = 11
        const next = () => {
          seed = (seed * 16_807) % 2_147_483_647
          return seed / 2_147_483_647
        }
        for (let index = 0; index < 2000; index++) {
          const title = `${WORDS[Math.floor(next() * WORDS.length)]} ${WORDS[Math.floor(next() * WORDS.length)]} ${index}`
          titles.push(title)
          await call('movies:create', {
            title,
            releaseDate: `${1950 + Math.floor(next() * 70)}-06-15`,
            genreIds: [genres[Math.floor(next() * 6)]!.id],
          })
        }
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await page.getByText('2,000 movies').waitFor()
    await expectAccessible(page, 'the movie list, full')
    await saveScreen(page, 'movies-2000')
    // The same screens in the dark theme, and the wall of posters.
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectAccessible(page, 'the movie list, dark')
    await page.getByText('Posters').click()
    await page.getByRole('list', { name: 'Movies' }).getByRole('listitem').first().waitFor()
    await expectAccessible(page, 'the posters, dark')
    await saveScreen(page, 'movies-posters-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.getByText('Rows', { exact: true }).click()

    // The whole list is one scroll: the scrollbar's end is the last title in sort order.
    const lastTitle = app.sql<{ title: string }>(
      'select title from movie order by title_sort_key desc, id desc limit 1',
    )[0]!.title
    const scroller = page.locator('[tabindex="0"]:has(> table)')
    await scroller.evaluate((element) => {
      element.scrollTop = element.scrollHeight
    })
    await listRegion(page).getByRole('link', { name: lastTitle, exact: true }).waitFor()
    // And the keyboard reaches the start again.
    await scroller.focus()
    await page.keyboard.press('Home')
    const firstTitle = app.sql<{ title: string }>(
      'select title from movie order by title_sort_key, id limit 1',
    )[0]!.title
    await listRegion(page).getByRole('link', { name: firstTitle, exact: true }).waitFor()

    // A genre: its count is what the list then holds.
    const filters = page.getByRole('complementary', { name: 'Filters' })
    const genreBox = filters.getByRole('checkbox').first()
    const genreRoot = genreBox.locator('xpath=ancestor::*[contains(@class, "mantine-Checkbox-root")]')
    const genreLabel = ((await genreRoot.textContent()) ?? '').trim()
    const [, genreCount] = /(\d[\d,]*)$/.exec(genreLabel) ?? []
    await genreBox.check()
    await page.getByText(`${genreCount} movies match`).waitFor()

    // A year range typed in: the range's count and the list's size agree, and both match the database.
    await filters.getByLabel('From', { exact: true }).fill('1970')
    await filters.getByLabel('From', { exact: true }).press('Enter')
    await filters.getByLabel('To', { exact: true }).fill('1979')
    await filters.getByLabel('To', { exact: true }).press('Enter')
    const genreId = Number(new URL(page.url()).searchParams.get('genres')?.replace(/\D/g, ''))
    const [{ n: expected } = { n: -1 }] = app.sql<{ n: number }>(
      `select count(*) as n from movie m join movie_genre mg on mg.movie_id = m.id
        where mg.genre_id = ? and m.release_date between '1970-01-01' and '1979-12-31'`,
      genreId,
    )
    await page
      .getByText(`${expected.toLocaleString('en')} ${expected === 1 ? 'movie' : 'movies'} match`)
      .waitFor()
    await filters
      .getByText(`${expected.toLocaleString('en')} ${expected === 1 ? 'film' : 'films'} from 1970 to 1979`)
      .waitFor()
    await saveScreen(page, 'movies-filtered')

    // The list's state is in the URL: a reload shows the same list, Back the one before.
    await page.reload()
    await page
      .getByText(`${expected.toLocaleString('en')} ${expected === 1 ? 'movie' : 'movies'} match`)
      .waitFor()
    await page.goBack()
    await page.goBack()
    await page.getByText(`${genreCount} movies match`).waitFor()
    expect(problems).toEqual([])
  })
})
