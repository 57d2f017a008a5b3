// A realistic catalogue for the benchmark, the same for the same size on every machine: a seeded generator
// writes it once through a bulk path and keeps it in a data directory, so later runs start at once.
import { createHash } from 'node:crypto'
import { constants, existsSync } from 'node:fs'
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { sortKeyOf } from '../../src-main/catalog/text-keys.ts'
import { hashPassword } from '../../src-main/catalog/users/password.ts'
import { migrationsList } from '../../src-main/db/migrations/index.ts'
import { DATABASE_FILE_NAME } from '../../src-main/db/open-database.ts'
import { mediaUrlFor } from '../../src-main/files/file-store.ts'
import { openCatalogRuntime } from '../../src-main/ipc/runtime.ts'

export const CATALOGUE_SIZES = [1000, 10_000, 100_000, 1_000_000] as const
export type CatalogueSize = (typeof CATALOGUE_SIZES)[number]

/** Bumped whenever the generator writes something different, so cached catalogues are rebuilt. */
const GENERATOR_VERSION = 1

/** The password of both generated profiles. */
export const BENCH_PASSWORD = 'bench password'

/** Facts about a generated catalogue that the cases need and SQL alone would have to guess. */
export interface CatalogueFacts {
  size: number
  movies: number
  people: number
  characters: number
  genreLinks: number
  files: number
  favorites: number
  /** A person who acts in a great many films. */
  prolificActorId: number
  /** A film with a very large cast, and one with an ordinary cast of about thirty. */
  largeCastMovieId: number
  typicalCastMovieId: number
  /** A director with a few films, far outside the facet's top 50. */
  minorDirectorId: number
  /** The director with the most films. */
  busiestDirectorId: number
  /** A word in a handful of titles only. */
  rareWord: string
  /** Profile names: `ann` has about 2% of the films among her favorites, `bob` a few. */
  users: { ann: number; bob: number }
  buildSeconds: number
}

/** A small, fast, seeded generator (mulberry32): the same seed gives the same catalogue everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Picks from `items` with Zipf-like weights (the first far more often than the last). */
function zipfPicker<T>(items: readonly T[], random: () => number, exponent = 1): () => T {
  const cumulative: number[] = []
  let sum = 0
  for (let i = 0; i < items.length; i++) {
    sum += 1 / (i + 1) ** exponent
    cumulative.push(sum)
  }
  return () => {
    const target = random() * sum
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle]! < target) low = middle + 1
      else high = middle
    }
    return items[low]!
  }
}

const COMMON_TITLE_WORDS = [
  'Love',
  'Night',
  'Man',
  'Day',
  'Last',
  'Dark',
  'House',
  'City',
  'Life',
  'Girl',
  'Death',
  'Time',
  'World',
  'Blood',
  'Summer',
  'King',
  'Home',
  'Black',
  'Story',
  'Secret',
  'Dead',
  'Lost',
  'Little',
  'Red',
  'Heart',
  'Road',
  'War',
  'Woman',
  'Blue',
  'Moon',
  'Dream',
  'River',
  'Fire',
  'Island',
  'Star',
  'Ghost',
  'Winter',
  'Wild',
  'Street',
  'Shadow',
  'Game',
  'Paris',
  'Family',
  'Children',
  'Train',
  'Garden',
  'Mother',
  'Father',
  'Brother',
  'Sister',
  'Angel',
  'Devil',
  'Mountain',
  'Sea',
  'Rain',
  'Sun',
  'Silence',
  'Journey',
  'Return',
  'Good',
  'Bad',
  'Big',
  'New',
  'Young',
  'Old',
  'First',
  'Golden',
  'White',
  'Broken',
  'Hidden',
  'Perfect',
  'Amélie',
  'Café',
  'Noël',
  'Señor',
  'Über',
  'Éclair',
  'Mañana',
  'Fräulein',
  'Été',
  'Çà',
  'Ölüm',
  'Żywot',
]
const FUNCTION_WORDS = ['of', 'the', 'a', 'and', 'in', 'to', 'on', 'at', 'with', 'for', 'from', 'her', 'his']
const DESCRIPTION_WORDS = [
  'story',
  'young',
  'woman',
  'man',
  'family',
  'town',
  'finds',
  'love',
  'life',
  'world',
  'war',
  'secret',
  'journey',
  'friends',
  'city',
  'past',
  'must',
  'father',
  'mother',
  'night',
  'years',
  'after',
  'new',
  'home',
  'detective',
  'murder',
  'village',
  'summer',
  'school',
  'police',
  'daughter',
  'son',
  'truth',
  'dangerous',
  'mysterious',
  'small',
  'dream',
  'struggle',
  'escape',
  'revenge',
  'power',
  'wedding',
  'career',
  'island',
]
const FIRST_NAMES = [
  'John',
  'Mary',
  'James',
  'Anna',
  'Robert',
  'Maria',
  'Michael',
  'Emma',
  'David',
  'Sophie',
  'Peter',
  'Laura',
  'Paul',
  'Julia',
  'Thomas',
  'Elena',
  'Daniel',
  'Sarah',
  'Marco',
  'Claire',
  'Hans',
  'Ingrid',
  'Kenji',
  'Yuki',
  'Agnès',
  'Émile',
  'François',
  'Zoë',
  'Jürgen',
  'Søren',
  'Łucja',
  'Björn',
  'Renée',
  'José',
  'Inés',
  'Ñusta',
  'Chloé',
  'Jérôme',
  'Hélène',
  'Mikaël',
  'Anaïs',
  'Oğuz',
  'Dvořák',
  'Ágata',
  'Çağla',
  'Małgorzata',
  'Åsa',
]
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Brown',
  'Miller',
  'Davis',
  'Wilson',
  'Moore',
  'Taylor',
  'Martin',
  'Lee',
  'Walker',
  'Rossi',
  'Müller',
  'Schmidt',
  'Dubois',
  'Moreau',
  'Tanaka',
  'Suzuki',
  'García',
  'López',
  'Martínez',
  'Kieślowski',
  'Almodóvar',
  'Håkansson',
  'Truffaut',
  'Varda',
  'Ozu',
  'Kurosawa',
  'Bergman',
  'Fellini',
  'Östlund',
  'Žižek',
  'Ferrández',
  'Nuñez',
  'Gößling',
  'Ørsted',
  'Çelik',
  'Łukasiewicz',
  'Jönsson',
  'Noé',
]
const ROLE_NAMES = [
  'Detective',
  'Waiter',
  'Old Man',
  'Nurse',
  'Soldier',
  'Girl in Café',
  'Policeman',
  'Doctor',
  'Narrator',
  'Bartender',
  'Taxi Driver',
  'Reporter',
  'Priest',
  'Neighbour',
  'Guard',
  'Singer',
  'Teacher',
  'Mayor',
]
const CHARACTER_ROLE_WEIGHTS: [string, number][] = [
  ['lead', 0.12],
  ['supporting', 0.5],
  ['minor', 0.2],
  ['cameo', 0.06],
  ['voice', 0.04],
  ['uncredited', 0.08],
]
const GENDER_WEIGHTS: [string | null, number][] = [
  ['female', 0.45],
  ['male', 0.45],
  ['non-binary', 0.02],
  ['other', 0.01],
  [null, 0.07],
]
/** How often each standard genre is given, roughly as in film databases. */
const GENRE_WEIGHTS: Record<string, number> = {
  Drama: 30,
  Comedy: 18,
  Thriller: 9,
  Action: 8,
  Romance: 8,
  Crime: 6,
  Horror: 5,
  Documentary: 5,
}
const BIG_COUNTRIES = [
  'United States of America',
  'United Kingdom of Great Britain and Northern Ireland',
  'France',
  'India',
  'Japan',
  'Germany',
  'Italy',
  'Spain',
  'Canada',
  'Korea, Republic of',
  'Mexico',
  'Brazil',
  'Sweden',
  'Denmark',
  'Poland',
]

const SYLLABLES = [
  'ka',
  'lo',
  'mir',
  'van',
  'the',
  'zor',
  'el',
  'dra',
  'quin',
  'ste',
  'ru',
  'ba',
  'nix',
  'or',
  'ya',
  'fen',
]

/** Made-up words, `count` of them but at most 60,000 (the syllables make some 70,000). */
function inventWords(count: number, random: () => number): string[] {
  const words = new Set<string>()
  while (words.size < Math.min(count, 60_000)) {
    const length = 2 + Math.floor(random() * 3)
    let word = ''
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)]
    words.add(word[0]!.toUpperCase() + word.slice(1))
  }
  return [...words]
}

const weighted = <T>(pairs: [T, number][], random: () => number): T => {
  let target = random() * pairs.reduce((sum, [, weight]) => sum + weight, 0)
  for (const [value, weight] of pairs) {
    target -= weight
    if (target <= 0) return value
  }
  return pairs.at(-1)![0]
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Where the catalogue of `size` is kept: by size, generator and schema, so any change builds a new one. */
export function catalogueDir(cacheDir: string, size: number): string {
  const schema = createHash('sha256')
    .update(migrationsList.map((migration) => migration.name).join('\n'))
    .digest('hex')
    .slice(0, 10)
  return join(cacheDir, `catalogue-${size}-g${GENERATOR_VERSION}-${schema}`)
}

/**
 * The catalogue of `size` films in `cacheDir`, built first if it is not there yet, copied into `workDir` so
 * the run's writes never reach the kept copy. Returns its facts.
 */
export async function preparedCatalogue(
  cacheDir: string,
  size: number,
  workDir: string,
  log: (line: string) => void,
): Promise<CatalogueFacts> {
  const dir = catalogueDir(cacheDir, size)
  const factsPath = join(dir, 'facts.json')
  if (!existsSync(factsPath)) {
    log(`Building the ${size.toLocaleString('en')}-film catalogue in ${dir} (kept for later runs)…`)
    await buildCatalogue(dir, size)
  }
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  // A clone where the file system can make one (instant), a copy otherwise.
  await copyFile(join(dir, DATABASE_FILE_NAME), join(workDir, DATABASE_FILE_NAME), constants.COPYFILE_FICLONE)
  return JSON.parse(await readFile(factsPath, 'utf8')) as CatalogueFacts
}

async function buildCatalogue(dir: string, size: number): Promise<void> {
  const started = performance.now()
  const building = `${dir}.building`
  await rm(building, { recursive: true, force: true })
  // The app creates and migrates the catalogue, so every table, index, trigger and reference row is its own.
  const runtime = await openCatalogRuntime({
    dataDir: building,
    logger: { error: console.error, warn: () => {}, info: () => {} },
  })
  await runtime.close()
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  const db = new Database(join(building, DATABASE_FILE_NAME))
  try {
    // Only how the bytes reach the disk differs from the app's writes; the rows are the same either way.
    db.pragma('journal_mode = delete')
    db.pragma('journal_mode = off')
    db.pragma('synchronous = off')
    // The whole file in the page cache while it is built (taken only as pages are written): with 256 MiB the
    // 1,000,000-film build spent most of an hour re-reading index pages from the OS.
    db.pragma('cache_size = -3145728')
    const facts = db.transaction(() => writeRows(db, size, passwordHash))()
    db.pragma('journal_mode = wal')
    await writeFile(
      join(building, 'facts.json'),
      `${JSON.stringify({ ...facts, buildSeconds: Math.round((performance.now() - started) / 1000) }, null, 2)}\n`,
    )
  } finally {
    db.close()
  }
  await rm(dir, { recursive: true, force: true })
  await rename(building, dir)
}

/**
 * Every row of the catalogue, written as the services write them: the same columns (sort keys, precision,
 * timestamps in epoch milliseconds), and the full-text tables filled by the app's own triggers.
 */
function writeRows(
  db: Database.Database,
  size: number,
  passwordHash: string,
): Omit<CatalogueFacts, 'buildSeconds'> {
  const random = seededRandom(size)
  const chance = (p: number) => random() < p
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1))
  const base = 1_700_000_000_000

  const genreIds = new Map(
    (db.prepare('select id, name from genre').all() as { id: number; name: string }[]).map((g) => [
      g.name,
      g.id,
    ]),
  )
  const genrePairs: [number, number][] = [...genreIds].map(([name, id]) => [id, GENRE_WEIGHTS[name] ?? 1.5])
  const countryIds = db.prepare('select id, name from country order by id').all() as {
    id: number
    name: string
  }[]
  const bigCountries = BIG_COUNTRIES.map((name) => countryIds.find((c) => c.name === name)?.id).filter(
    (id): id is number => id !== undefined,
  )
  const pickBigCountry = zipfPicker(bigCountries, random)
  const pickCountry = () =>
    chance(0.8) ? pickBigCountry() : countryIds[between(0, countryIds.length - 1)]!.id

  const rareWords = inventWords(Math.max(200, Math.floor(size / 4)), random)
  const pickCommonWord = zipfPicker(COMMON_TITLE_WORDS, random, 0.8)
  const pickFunctionWord = zipfPicker(FUNCTION_WORDS, random)
  const pickDescriptionWord = zipfPicker(DESCRIPTION_WORDS, random, 0.7)
  const pickFirstName = zipfPicker(FIRST_NAMES, random, 0.6)
  const pickLastName = zipfPicker(LAST_NAMES, random, 0.6)
  const inventedSurnames = inventWords(Math.max(100, Math.floor(size / 2)), random)

  // Images: a poster for most films, a photo for some people. Only rows: no case reads the bytes.
  const insertFile = db.prepare(
    'insert into file (file_name, mime_type, key, url, size, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
  )
  const addFile = (name: string, stamp: number) => {
    const key = createHash('sha256').update(name).digest('hex')
    return Number(
      insertFile.run(
        `${name}.jpg`,
        'image/jpeg',
        key,
        mediaUrlFor(key),
        between(20_000, 900_000),
        stamp,
        stamp,
      ).lastInsertRowid,
    )
  }

  // People: three for every film; a tenth of them direct, two thirds act.
  const peopleCount = size * 3
  const insertPerson = db.prepare(
    `insert into person (first_name, last_name, last_name_sort_key, first_name_sort_key, biography, date_of_birth,
       gender, country_id, primary_photo_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  let files = 0
  for (let i = 0; i < peopleCount; i++) {
    const stamp = base + Math.floor(i / 7) * 1000
    const onlyLast = chance(0.03)
    const onlyFirst = !onlyLast && chance(0.02)
    const first = onlyLast ? null : pickFirstName()
    const last = onlyFirst
      ? null
      : chance(0.6)
        ? inventedSurnames[between(0, inventedSurnames.length - 1)]!
        : pickLastName()
    const year = between(1900, 2005)
    const photo = chance(0.04) ? addFile(`photo-${i}`, stamp) : null
    if (photo !== null) files++
    insertPerson.run(
      first,
      last,
      sortKeyOf(last),
      sortKeyOf(first),
      chance(0.2) ? `Born in ${year}, ${pickDescriptionWord()} and ${pickDescriptionWord()}.` : null,
      chance(0.7) ? `${year}-${pad(between(1, 12))}-${pad(between(1, 28))}` : null,
      weighted(GENDER_WEIGHTS, random),
      chance(0.6) ? pickCountry() : null,
      photo,
      stamp,
      stamp,
    )
  }
  const personIds = Array.from({ length: peopleCount }, (_, i) => i + 1)
  const directors = personIds.slice(0, Math.max(20, Math.floor(peopleCount / 10)))
  const actors = personIds.slice(directors.length)
  const pickDirector = zipfPicker(directors, random, 0.9)
  const pickActor = zipfPicker(actors, random, 0.6)
  const prolificActorId = actors[0]!

  const insertMovie = db.prepare(
    `insert into movie (title, title_sort_key, description, budget, release_date, release_date_precision, duration,
       director_id, country_id, poster_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertGenre = db.prepare(
    'insert into movie_genre (movie_id, genre_id, created_at, updated_at) values (?, ?, ?, ?)',
  )
  const insertCharacter = db.prepare(
    `insert into character (name, description, role, movie_id, actor_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
  )
  const largeCastMovieId = 7
  const typicalCastMovieId = 12
  let genreLinks = 0
  let characters = 0
  const rareWord = rareWords[3]!
  for (let i = 0; i < size; i++) {
    const id = i + 1
    // Added in batches, as imports do: five films share each creation time.
    const stamp = base + Math.floor(i / 5) * 1000
    const words: string[] = []
    if (chance(0.35)) words.push('The')
    const wordCount = between(1, 4)
    for (let w = 0; w < wordCount; w++) {
      if (w > 0 && chance(0.15)) words.push(pickFunctionWord())
      words.push(chance(0.22) ? rareWords[between(0, rareWords.length - 1)]! : pickCommonWord())
    }
    if (chance(0.05)) words.push(String(between(2, 4)))
    const title = id === largeCastMovieId ? `The ${rareWord} Chronicles` : words.join(' ')
    let description: string | null = null
    if (chance(0.9)) {
      const length = between(12, 30)
      const text: string[] = []
      for (let w = 0; w < length; w++) text.push(chance(0.45) ? pickFunctionWord() : pickDescriptionWord())
      description = `${text.join(' ')}.`
      description = description[0]!.toUpperCase() + description.slice(1)
    }
    const decade = weighted(
      [
        [1910, 1],
        [1930, 3],
        [1950, 5],
        [1970, 8],
        [1990, 14],
        [2010, 20],
      ],
      random,
    )
    const year = Math.min(2026, decade + between(0, 19))
    const dateKind = random()
    const [releaseDate, precision] =
      dateKind < 0.08
        ? [null, 'day']
        : dateKind < 0.2
          ? [`${year}-01-01`, 'year']
          : [`${year}-${pad(between(1, 12))}-${pad(between(1, 28))}`, 'day']
    const budget = chance(0.35)
      ? null
      : chance(0.7)
        ? between(1, 60) * 1_000_000
        : chance(0.5)
          ? 1_000_000
          : between(10_000, 300_000_000)
    const duration = chance(0.05) ? null : between(70, 200) * 60
    const poster = chance(0.7) ? addFile(`poster-${id}`, stamp) : null
    if (poster !== null) files++
    insertMovie.run(
      title,
      sortKeyOf(title),
      description,
      budget,
      releaseDate,
      precision,
      duration,
      chance(0.9) ? pickDirector() : null,
      chance(0.85) ? pickCountry() : null,
      poster,
      stamp,
      stamp,
    )
    const genres = new Set<number>()
    const genreCount = weighted(
      [
        [1, 0.35],
        [2, 0.4],
        [3, 0.15],
        [4, 0.1],
      ],
      random,
    )
    while (genres.size < genreCount) genres.add(weighted(genrePairs, random))
    for (const genre of genres) insertGenre.run(id, genre, stamp, stamp)
    genreLinks += genres.size

    const castSize =
      id === largeCastMovieId
        ? 300
        : id === typicalCastMovieId
          ? 30
          : chance(0.5)
            ? between(3, 9)
            : between(10, 18)
    for (let c = 0; c < castSize; c++) {
      const name = chance(0.6)
        ? `${pickFirstName()} ${chance(0.5) ? inventedSurnames[between(0, inventedSurnames.length - 1)] : pickLastName()}`
        : `${ROLE_NAMES[between(0, ROLE_NAMES.length - 1)]}${chance(0.3) ? ` #${between(1, 5)}` : ''}`
      // One actor is in one film of fifty: the filmography a person page must show at once.
      const actor = c === 0 && i % 50 === 0 ? prolificActorId : chance(0.9) ? pickActor() : null
      insertCharacter.run(
        name,
        chance(0.1) ? `${pickDescriptionWord()} ${pickDescriptionWord()}` : null,
        weighted(CHARACTER_ROLE_WEIGHTS, random),
        id,
        actor,
        stamp,
        stamp,
      )
    }
    characters += castSize
  }

  // Two profiles: Ann loves one film in fifty, Bob a few.
  const insertUser = db.prepare(
    `insert into user (username, first_name, last_name, email, password, avatar_id, stay_signed_in, created_at,
       updated_at) values (?, ?, ?, ?, ?, null, 0, ?, ?)`,
  )
  const ann = Number(
    insertUser.run('ann', 'Ann', 'Archer', 'ann@example.com', passwordHash, base, base).lastInsertRowid,
  )
  const bob = Number(
    insertUser.run('bob', 'Bob', 'Baker', 'bob@example.com', passwordHash, base, base).lastInsertRowid,
  )
  const insertFavorite = db.prepare(
    'insert into favorite_movie (user_id, movie_id, created_at, updated_at) values (?, ?, ?, ?)',
  )
  let favorites = 0
  for (let id = 1; id <= size; id++) {
    const stamp = base + id * 1000
    if (chance(0.02)) {
      insertFavorite.run(ann, id, stamp, stamp)
      favorites++
    }
    if (chance(0.001)) {
      insertFavorite.run(bob, id, stamp, stamp)
      favorites++
    }
  }

  const [busiest] = db
    .prepare(
      'select director_id as id from movie where director_id is not null group by director_id order by count(*) desc, director_id limit 1',
    )
    .all() as { id: number }[]
  // Ranked far below the top 50, with at least a few films to count.
  const minor = db
    .prepare(
      `select director_id as id from movie where director_id is not null group by director_id
        having count(*) >= 2 order by count(*) desc, director_id limit 1 offset 200`,
    )
    .get() as { id: number } | undefined
  return {
    size,
    movies: size,
    people: peopleCount,
    characters,
    genreLinks,
    files,
    favorites,
    prolificActorId,
    largeCastMovieId,
    typicalCastMovieId,
    minorDirectorId: minor?.id ?? directors.at(-1)!,
    busiestDirectorId: busiest!.id,
    rareWord,
    users: { ann, bob },
  }
}
