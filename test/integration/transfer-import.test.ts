import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import yazl from 'yazl'
import { openTestCatalog, type TestCatalog } from '../support/test-catalog.ts'
import { dumpCatalogue, importFile, preview, settled, upload } from '../support/transfer.ts'

let catalog: TestCatalog
beforeEach(async () => {
  catalog = await openTestCatalog()
})
afterEach(async () => {
  await catalog.close()
})

const movies = () =>
  catalog.sql<{
    title: string
    release_date: string | null
    release_date_precision: string
    duration: number | null
  }>('select title, release_date, release_date_precision, duration from movie order by id')

const genresOf = (title: string) =>
  catalog
    .sql<{ name: string }>(
      'select g.name from movie m join movie_genre mg on mg.movie_id = m.id join genre g on g.id = mg.genre_id where m.title = ? order by g.name',
      title,
    )
    .map((row) => row.name)

/** A zip made on the spot from name → text. */
const zipOf = (files: Record<string, string | Buffer>): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile()
    for (const [name, content] of Object.entries(files)) {
      zip.addBuffer(typeof content === 'string' ? Buffer.from(content) : content, name)
    }
    zip.end()
    const chunks: Buffer[] = []
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
  })

const IMDB_RATINGS = [
  'Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors',
  'tt0211915,9,2020-01-02,Amélie,https://www.imdb.com/title/tt0211915/,Movie,8.3,122,2001,"Comedy, Romance",800000,2001-04-25,Jean-Pierre Jeunet',
  'tt0108778,7,2020-01-03,Friends,https://www.imdb.com/title/tt0108778/,TV Series,8.9,22,1994,Comedy,1000000,1994-09-22,',
  'tt0113247,8,2020-01-04,La Haine,https://www.imdb.com/title/tt0113247/,movie,8.1,98,1995,drama,190000,,Mathieu Kassovitz',
  'tt0120082,6,2020-01-05,Delicatessen,https://www.imdb.com/title/tt0101700/,Movie,7.6,99,1991,"Comedy, Crime",80000,1991-04-17,"Marc Caro, Jean-Pierre Jeunet"',
].join('\n')

// A newer list export: other columns, another order, Original Title.
const IMDB_LIST = [
  'Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors',
  '1,tt0057012,2020-01-01,2020-01-01,,Dr. Strangelove,Dr. Strangelove,https://www.imdb.com/title/tt0057012/,Movie,8.4,95,1964,"Comedy, War",500000,1964-01-29,Stanley Kubrick',
  '2,tt0062622,2020-01-01,2020-01-01,,2001: A Space Odyssey,2001: A Space Odyssey,https://www.imdb.com/title/tt0062622/,Movie,8.3,149,1968,"Adventure, Sci-Fi",700000,,Stanley Kubrick',
  '3,tt0903747,2020-01-01,2020-01-01,,Breaking Bad,Breaking Bad,https://www.imdb.com/title/tt0903747/,TV Series,9.5,49,2008,Drama,2000000,2008-01-20,',
].join('\r\n')

describe('importing IMDb exports', () => {
  it('reads ratings and list exports by header name in any order, keeping only movies', async () => {
    const ratings = await importFile(catalog, 'ratings.csv', IMDB_RATINGS)
    expect(ratings.preview).toMatchObject({
      format: 'imdb',
      encoding: 'utf-8',
      separator: ',',
      rows: 4,
      newMovies: 3,
      skipped: [{ reason: 'not a movie (TV Series)', count: 1 }],
      problems: { total: 0, items: [] },
      unknownColumns: ['Your Rating', 'Date Rated', 'URL', 'IMDb Rating', 'Num Votes'],
      newPeople: 3,
    })
    expect(ratings.summary).toMatchObject({ moviesAdded: 3, peopleAdded: 3 })

    const list = await importFile(catalog, 'list.csv', IMDB_LIST)
    expect(list.preview).toMatchObject({ format: 'imdb', rows: 3, newMovies: 2, newPeople: 1 })
    expect(list.preview.unknownColumns).toEqual(
      expect.arrayContaining(['Position', 'Original Title', 'Description']),
    )
    expect(movies()).toEqual([
      { title: 'Amélie', release_date: '2001-04-25', release_date_precision: 'day', duration: 122 * 60 },
      { title: 'La Haine', release_date: '1995-01-01', release_date_precision: 'year', duration: 98 * 60 },
      { title: 'Delicatessen', release_date: '1991-04-17', release_date_precision: 'day', duration: 99 * 60 },
      {
        title: 'Dr. Strangelove',
        release_date: '1964-01-29',
        release_date_precision: 'day',
        duration: 95 * 60,
      },
      {
        title: '2001: A Space Odyssey',
        release_date: '1968-01-01',
        release_date_precision: 'year',
        duration: 149 * 60,
      },
    ])
    // "drama" is the catalogue's Drama; one person per name; the first of two directors.
    expect(genresOf('La Haine')).toEqual(['Drama'])
    expect(genresOf('Amélie')).toEqual(['Comedy', 'Romance'])
    const directors = catalog.sql(
      'select m.title, p.first_name, p.last_name from movie m join person p on p.id = m.director_id order by m.id',
    )
    expect(directors).toEqual([
      { title: 'Amélie', first_name: 'Jean-Pierre', last_name: 'Jeunet' },
      { title: 'La Haine', first_name: 'Mathieu', last_name: 'Kassovitz' },
      { title: 'Delicatessen', first_name: 'Marc', last_name: 'Caro' },
      { title: 'Dr. Strangelove', first_name: 'Stanley', last_name: 'Kubrick' },
      { title: '2001: A Space Odyssey', first_name: 'Stanley', last_name: 'Kubrick' },
    ])
    expect(catalog.sql('select count(*) as n from person')).toEqual([{ n: 4 }])
    // The movie list and its search see the imported films.
    const page = await catalog.call('movies:list', { text: 'amelie' })
    expect(page.items.map((movie) => movie.title)).toEqual(['Amélie'])
  })
})

describe('importing Letterboxd exports', () => {
  const WATCHED =
    'Date,Name,Year,Letterboxd URI\n2021-01-01,Amélie,2001,https://boxd.it/a\n2021-01-02,Playtime,1967,https://boxd.it/b\n'
  const DIARY =
    'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n2021-02-01,Playtime,1967,https://boxd.it/x1,4.5,,,2021-02-01\n'
  const WATCHLIST = 'Date,Name,Year,Letterboxd URI\n2021-03-01,Stalker,1979,https://boxd.it/c\n'
  const LIKES = 'Date,Name,Year,Letterboxd URI\n2021-04-01,Playtime,1967,https://boxd.it/b\n'

  it('stores a year alone as a year, and favorites a likes file for the signed-in profile', async () => {
    await catalog.call('users:register', {
      username: 'ann',
      email: 'ann@example.com',
      password: 'correct horse battery',
    })
    const likes = await importFile(catalog, 'films.csv', LIKES, { favorites: 'all' })
    expect(likes.preview).toMatchObject({ format: 'letterboxd', newMovies: 1, unknownColumns: ['Date'] })
    expect(likes.summary).toMatchObject({ moviesAdded: 1, favoritesAdded: 1 })
    expect(movies()).toEqual([
      { title: 'Playtime', release_date: '1967-01-01', release_date_precision: 'year', duration: null },
    ])
    const detail = await catalog.call('movies:get', { id: 1 })
    expect(detail).toMatchObject({ releaseDate: '1967', isFavorite: true })
  })

  it('reads the export zip as a whole: one film per name and year, likes marked', async () => {
    const zip = await zipOf({
      'watched.csv': WATCHED,
      'diary.csv': DIARY,
      'watchlist.csv': WATCHLIST,
      'likes/films.csv': LIKES,
      'profile.csv': 'Date Joined,Username\n2020-01-01,ann\n',
    })
    const { preview: read, summary } = await importFile(catalog, 'letterboxd-ann-2026.zip', zip)
    expect(read).toMatchObject({ format: 'letterboxd-zip', rows: 5, newMovies: 3, liked: 1 })
    expect(summary.moviesAdded).toBe(3)
    expect(movies().map((movie) => movie.title)).toEqual(['Amélie', 'Playtime', 'Stalker'])
  })
})

describe('reading any CSV', () => {
  const expectTitles = async (
    fileName: string,
    bytes: string | Buffer,
    titles: string[],
    extra: object = {},
  ) => {
    const { preview: read } = await preview(catalog, fileName, bytes)
    expect(read.sample.map((row) => row.title)).toEqual(titles)
    expect(read).toMatchObject({ problems: { total: 0 }, ...extra })
    return read
  }

  it('takes semicolons and tabs, quoted values with separators, quotes and line breaks, a BOM and CRLF', async () => {
    await expectTitles(
      'semicolons.csv',
      'Title;Year;Genres\r\n"Sans toit; ni loi";1985;Drama\r\nCléo de 5 à 7;1962;\r\n',
      ['Sans toit; ni loi', 'Cléo de 5 à 7'],
      {
        separator: ';',
      },
    )
    await expectTitles('tabs.tsv', 'Title\tYear\nThe "Best" Film\t2000\n', ['The "Best" Film'], {
      separator: 'tab',
    })
    const read = await expectTitles(
      'quoted.csv',
      '\uFEFFTitle,Description,Year\r\n"Kiss, Kiss","A line,\r\nanother ""quoted"" line",1955\r\nNext,,1956\r\n',
      ['Kiss, Kiss', 'Next'],
      { encoding: 'utf-8' },
    )
    expect(read.sample.map((row) => row.line)).toEqual([2, 4])
  })

  it('converts Windows-1252 text', async () => {
    const latin = Buffer.from(
      'Title,Year,Country\nAmélie,2001,France\nLe Cercle rouge – remastered,1970,Italie\n',
      'latin1',
    )
    // The en dash is 0x96 in Windows-1252, which Latin-1 does not have.
    latin[latin.indexOf(Buffer.from('rouge ', 'latin1')) + 6] = 0x96
    const read = await expectTitles('latin.csv', latin, ['Amélie', 'Le Cercle rouge – remastered'], {
      encoding: 'windows-1252',
    })
    expect(read.newCountries).toEqual(['Italie'])
  })

  it('reports each row it cannot read with its line and reason, and imports the rest', async () => {
    const csv = [
      'Title,Release Date,Duration,Budget',
      'Good one,2001-07-20,2:14,1000',
      ',2001,,',
      'Bad year,20x1,,',
      'Bad date,2001-02-30,,',
      'Too many,2001,90,5,extra',
      'Bad budget,2001,,lots',
      'Good two,1999,95,"$2,500,000"',
      '"Never closed,2001,,',
    ].join('\n')
    const { preview: read, summary } = await importFile(catalog, 'broken.csv', csv)
    expect(read.problems.items).toEqual([
      { line: 3, reason: 'Title is empty.' },
      { line: 4, reason: 'Release date “20x1” is not a date like 2001-07-20 or a year like 2001.' },
      { line: 5, reason: 'Release date “2001-02-30” is not a date like 2001-07-20 or a year like 2001.' },
      { line: 6, reason: 'The row has 5 values; the header names 4 columns.' },
      { line: 7, reason: 'Budget “lots” is not a whole number.' },
      { line: 9, reason: 'A quoted value is never closed; the rest of the file could not be read.' },
    ])
    expect(read.newMovies).toBe(2)
    expect(summary.moviesAdded).toBe(2)
    expect(catalog.sql('select title, budget, duration from movie order by id')).toEqual([
      { title: 'Good one', budget: 1000, duration: 134 * 60 },
      { title: 'Good two', budget: 2_500_000, duration: 95 * 60 },
    ])
  })

  it('refuses a file that is not a table of films, in words', async () => {
    const uploadId = await upload(catalog, 'notes.csv', 'Shopping,Count\nMilk,2\n')
    const done = await settled(catalog, await catalog.call('transfer:preview', { uploadId }))
    expect(done).toMatchObject({ state: 'failed', error: { code: 'FILE_REJECTED' } })
    expect(done.error?.message).toMatch(/none of them is Title/)
  })
})

describe('duplicates and names', () => {
  it('finds films already there by title and year, and skips or adds them as chosen; preview counts are what is written', async () => {
    await importFile(
      catalog,
      'first.csv',
      'Title,Year,Director,Genres\nAmélie,2001,Jean-Pierre Jeunet,Comedy\nPlaytime,1967,,\n',
    )
    const before = dumpCatalogue(catalog)
    const csv =
      'Title,Year,Director,Genres,Country\nAMELIE,2001,jean-pierre jeunet,comédie; Comedy,france\nAmélie,2002,,,\nPlaytime,,,,\nStalker,1979,Andreï Tarkovski,Science Fiction; sci-fi,URSS\n'
    const skipping = await importFile(catalog, 'second.csv', csv, { duplicates: 'skip' })
    expect(skipping.preview.duplicates).toEqual({
      total: 1,
      items: [{ line: 2, title: 'AMELIE', year: 2001, existingMovieId: 1 }],
    })
    expect(skipping.preview).toMatchObject({
      newMovies: 3,
      newPeople: 1,
      newGenres: ['sci-fi'],
      newCountries: ['URSS'],
    })
    // "france" is the catalogue's France; "Science Fiction" its own genre.
    expect(skipping.preview.sample[3]).toMatchObject({
      genres: ['Science Fiction', 'sci-fi'],
      country: 'URSS',
    })
    expect(skipping.summary).toMatchObject({
      moviesAdded: 3,
      duplicatesSkipped: 1,
      peopleAdded: 1,
      genresAdded: 1,
      countriesAdded: 1,
    })
    expect(catalog.sql('select count(*) as n from movie')).toEqual([{ n: (before.movie?.length ?? 0) + 3 }])

    const adding = await importFile(catalog, 'second.csv', csv, { duplicates: 'add' })
    expect(adding.preview.duplicates.total).toBe(4)
    // The duplicate row brings its own new genre, comédie, which is not Comedy.
    expect(adding.summary).toMatchObject({
      moviesAdded: 4,
      duplicatesSkipped: 0,
      peopleAdded: 0,
      genresAdded: 1,
    })
    // The existing director was matched without regard to case.
    expect(
      catalog.sql("select count(*) as n from person where last_name = 'Jeunet' or last_name = 'jeunet'"),
    ).toEqual([{ n: 1 }])
  })
})
