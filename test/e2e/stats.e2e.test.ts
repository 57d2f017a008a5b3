import type { Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { type AppUnderTest, createProfile, openApp } from './support/app-browser.ts'
import { e2eFile } from './support/lifecycle.ts'
import { expectAccessibleInBothSchemes } from './support/screens.ts'

const e2e = e2eFile()
let app: AppUnderTest | undefined

const numberIn = (text: string | null) =>
  Number((/(\d[\d,]*)\s*$/.exec(text ?? '')?.[1] ?? 'NaN').replace(/,/g, ''))

/** A figures table as [label, count] pairs, in the order shown. */
async function tableRows(table: Locator): Promise<[string, number][]> {
  const rows = await table.locator('tbody tr').all()
  return Promise.all(
    rows.map(async (row) => {
      const [label, count] = await row.locator('th, td').allTextContents()
      return [label ?? '', numberIn(count ?? '')] as [string, number]
    }),
  )
}

/** A ranking list as [name, films] pairs. */
async function rankingRows(page: Page, name: string): Promise<[string, number][]> {
  const items = await page.getByRole('list', { name }).getByRole('listitem').all()
  return Promise.all(
    items.map(async (item): Promise<[string, number]> => {
      const person = (await item.getByRole('link').textContent()) ?? ''
      const films = ((await item.textContent()) ?? '').slice(person.length)
      return [person, Number(/^(\d[\d,]*) films?$/.exec(films)?.[1]?.replace(/,/g, '') ?? Number.NaN)]
    }),
  )
}

const byName = ([a]: [string, number], [b]: [string, number]) => a.localeCompare(b)

describe('statistics', { timeout: 180_000 }, () => {
  test('the figures equal counts taken directly from the database', async () => {
    const favoriteTitles = ['Film 3', 'Film 7', 'Film 12']
    app = await e2e.startApp({
      seed: async (call) => {
        const genres = await call('genres:list', {})
        const countries = (await call('countries:list', {})).slice(20, 28)
        const people = []
        for (let index = 0; index < 12; index++) {
          people.push(await call('people:create', { firstName: `Given${index}`, lastName: `Family${index}` }))
        }
        for (let index = 0; index < 40; index++) {
          const movie = await call('movies:create', {
            title: `Film ${index}`,
            releaseDate: index % 7 === 0 ? null : `${1930 + ((index * 13) % 90)}-05-0${1 + (index % 9)}`,
            durationSeconds: index % 6 === 0 ? null : 3600 + index * 300,
            budget:
              index % 4 === 0
                ? null
                : [50_000, 500_000, 5_000_000, 20_000_000, 70_000_000, 250_000_000][index % 6]!,
            countryId: index % 5 === 0 ? null : countries[index % countries.length]!.id,
            directorId: index % 3 === 0 ? null : people[index % 5]!.id,
            genreIds: [genres[index % 6]!.id, genres[(index * 5) % genres.length]!.id],
          })
          for (let part = 0; part < index % 4; part++) {
            await call('characters:add', {
              movieId: movie.id,
              name: `Part ${part}`,
              actorId: part === 2 ? null : people[(index + part * 3) % 12]!.id,
            })
          }
        }
      },
    })
    const { page, problems } = await openApp(e2e.browser(), app.url)
    await createProfile(page, { username: 'ada' })
    // Three favorites, from the films' pages.
    for (const title of favoriteTitles) {
      const [{ id }] = app.sql<{ id: number }>('select id from movie where title = ?', title) as [
        { id: number },
      ]
      await page.goto(`${app.url}movies/${id}`)
      await page.getByRole('button', { name: `Add “${title}” to favorites` }).click()
      await expect
        .poll(
          () =>
            app!.sql(
              'select count(*) as n from favorite_movie f join movie m on m.id = f.movie_id where m.title = ?',
              title,
            ),
          { timeout: 10_000 },
        )
        .toEqual([{ n: 1 }])
    }
    await page.getByRole('link', { name: 'Statistics' }).click()
    await page.getByRole('heading', { name: 'Statistics' }).waitFor()
    await page.getByRole('table', { name: 'Films per decade' }).waitFor({ state: 'attached' })
    await expectAccessibleInBothSchemes(page, 'the statistics page', 'statistics')

    const sql = app.sql.bind(app)
    const count = (table: string) => sql<{ n: number }>(`select count(*) as n from ${table}`)[0]!.n
    expect(numberIn(await page.getByRole('group', { name: 'Films' }).textContent())).toBe(count('movie'))
    expect(numberIn(await page.getByRole('group', { name: 'People' }).textContent())).toBe(count('person'))
    expect(numberIn(await page.getByRole('group', { name: 'Characters' }).textContent())).toBe(
      count('character'),
    )

    const durations = sql<{ duration: number | null }>('select duration from movie').map((m) => m.duration)
    const seconds = durations.reduce<number>((sum, d) => sum + (d ?? 0), 0)
    const days = seconds / 86_400
    const shownDays = days < 10 ? Math.round(days * 10) / 10 : Math.round(days)
    await page
      .getByRole('group', { name: 'Running time' })
      .getByText(`${shownDays} ${shownDays === 1 ? 'day' : 'days'}`, { exact: true })
      .waitFor()
    await page
      .getByText(`of film, in the ${durations.filter((d) => d !== null).length} films whose length is known`)
      .waitFor()

    // Per decade, from the release dates themselves.
    const decades = new Map<string, number>()
    for (const { release_date } of sql<{ release_date: string | null }>('select release_date from movie')) {
      if (!release_date) continue
      const decade = `${Math.floor(Number(release_date.slice(0, 4)) / 10) * 10}s`
      decades.set(decade, (decades.get(decade) ?? 0) + 1)
    }
    expect(await tableRows(page.getByRole('table', { name: 'Films per decade' }))).toEqual(
      [...decades].sort(([a], [b]) => a.localeCompare(b)),
    )
    await page
      .getByText(
        `${sql<{ n: number }>('select count(*) as n from movie where release_date is null')[0]!.n} films without a known release date.`,
      )
      .waitFor()

    // Per genre and per country: the same counts (ties may fall in any order, so compared by name).
    const perGenre = sql<{ name: string; n: number }>(
      'select g.name, count(*) as n from movie_genre mg join genre g on g.id = mg.genre_id group by g.id',
    ).map(({ name, n }): [string, number] => [name, n])
    const shownGenres = await tableRows(page.getByRole('table', { name: 'Films per genre' }))
    expect([...shownGenres].sort(byName)).toEqual(perGenre.sort(byName))
    expect(shownGenres.map(([, n]) => n)).toEqual([...shownGenres.map(([, n]) => n)].sort((a, b) => b - a))
    const perCountry = sql<{ name: string; n: number }>(
      'select c.name, count(*) as n from movie m join country c on c.id = m.country_id group by c.id',
    ).map(({ name, n }): [string, number] => [name, n])
    expect(perCountry.length).toBeLessThanOrEqual(15)
    expect((await tableRows(page.getByRole('table', { name: 'Films per country' }))).sort(byName)).toEqual(
      perCountry.sort(byName),
    )

    // Budgets: each range's count, and the smallest, middle and largest.
    const budgets = sql<{ budget: number }>(
      'select budget from movie where budget is not null order by budget',
    ).map((m) => m.budget)
    const inRange = (from: number, to: number | null) =>
      budgets.filter((b) => b >= from && (to === null || b < to)).length
    expect(
      (await tableRows(page.getByRole('table', { name: 'Films per budget' }))).map(([, n]) => n),
    ).toEqual([
      inRange(0, 100_000),
      inRange(100_000, 1_000_000),
      inRange(1_000_000, 10_000_000),
      inRange(10_000_000, 50_000_000),
      inRange(50_000_000, 100_000_000),
      inRange(100_000_000, null),
    ])
    const budgetFacts = (await page.getByRole('region', { name: 'Budgets' }).textContent()) ?? ''
    for (const [label, value] of [
      ['Smallest', budgets[0]!],
      ['Median', budgets[Math.floor((budgets.length - 1) / 2)]!],
      ['Largest', budgets.at(-1)!],
    ] as const) {
      expect(budgetFacts).toContain(`${label}${value.toLocaleString('en')}`)
    }

    // The most frequent directors and actors, each a link to their page.
    const directors = sql<{ name: string; n: number }>(
      `select p.first_name || ' ' || p.last_name as name, count(*) as n from movie m join person p on p.id = m.director_id
        group by p.id order by n desc`,
    )
    const shownDirectors = await rankingRows(page, 'Most frequent directors')
    expect(shownDirectors.length).toBe(Math.min(10, directors.length))
    for (const [name, films] of shownDirectors) expect(directors).toContainEqual({ name, n: films })
    expect(shownDirectors.map(([, n]) => n)).toEqual(directors.slice(0, 10).map((d) => d.n))
    const actors = sql<{ name: string; n: number }>(
      `select p.first_name || ' ' || p.last_name as name, count(distinct c.movie_id) as n from character c
         join person p on p.id = c.actor_id group by p.id order by n desc`,
    )
    const shownActors = await rankingRows(page, 'Most frequent actors')
    for (const [name, films] of shownActors) expect(actors).toContainEqual({ name, n: films })
    expect(shownActors.map(([, n]) => n)).toEqual(actors.slice(0, 10).map((a) => a.n))

    // The signed-in profile's favorites by genre.
    const favoriteGenres = sql<{ name: string; n: number }>(
      `select g.name, count(*) as n from favorite_movie f join movie_genre mg on mg.movie_id = f.movie_id
         join genre g on g.id = mg.genre_id join user u on u.id = f.user_id where u.username = 'ada' group by g.id`,
    ).map(({ name, n }): [string, number] => [name, n])
    expect(
      (await tableRows(page.getByRole('table', { name: 'Your favorites by genre' }))).sort(byName),
    ).toEqual(favoriteGenres.sort(byName))
    await page.getByText('3 favorites in all.').waitFor()

    // A director's name opens their page.
    const [topDirector] = shownDirectors[0]!
    await page
      .getByRole('list', { name: 'Most frequent directors' })
      .getByRole('link', { name: topDirector })
      .click()
    await page.getByRole('heading', { name: topDirector }).waitFor()
    expect(problems).toEqual([])
  })
})
