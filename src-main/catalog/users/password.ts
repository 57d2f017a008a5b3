import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt's cost parameters, stored beside each hash so they can be raised without breaking old hashes. */
interface ScryptParameters {
  N: number
  r: number
  p: number
}

/** What new hashes use: OWASP's scrypt minimum (N = 2^14, r = 8, p = 1); about 50 ms on a laptop. */
const CURRENT: ScryptParameters = { N: 16384, r: 8, p: 1 }
const SALT_BYTES = 16
const KEY_BYTES = 32
// Refuses parameters a tampered database could use to exhaust memory or time (N = 2^20 needs 1 GiB at r = 8).
const MAX_N = 2 ** 20
const MAX_R = 32
const MAX_P = 16

const STORED_PATTERN = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/

interface ParsedHash {
  parameters: ScryptParameters
  salt: Buffer
  hash: Buffer
}

// The async scrypt runs on libuv's thread pool, so hashing never blocks the main process's event loop.
const deriveKey = (password: string, salt: Buffer, keyLength: number, { N, r, p }: ScryptParameters) => {
  // scrypt needs 128 * N * r bytes; the default cap (32 MiB) would refuse raised parameters.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r }
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(normalize(password), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

// The same password typed on two systems may arrive in different Unicode forms ("é" as one or two code points).
const normalize = (password: string) => password.normalize('NFC')

const isPowerOfTwo = (n: number) => n > 1 && (n & (n - 1)) === 0

const parse = (stored: string): ParsedHash => {
  const match = STORED_PATTERN.exec(stored)
  if (!match) throw new Error('A stored password hash is not in the scrypt$N=..,r=..,p=..$salt$hash form.')
  const [, n, r, p, salt, hash] = match as unknown as [string, string, string, string, string, string]
  const parameters = { N: Number(n), r: Number(r), p: Number(p) }
  if (
    !isPowerOfTwo(parameters.N) ||
    parameters.N > MAX_N ||
    parameters.r < 1 ||
    parameters.r > MAX_R ||
    parameters.p < 1 ||
    parameters.p > MAX_P
  ) {
    throw new Error('A stored password hash has scrypt parameters out of the accepted range.')
  }
  return { parameters, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') }
}

const format = ({ N, r, p }: ScryptParameters, salt: Buffer, hash: Buffer) =>
  `scrypt$N=${N},r=${r},p=${p}$${salt.toString('base64')}$${hash.toString('base64')}`

/** Hashes a password with a fresh random salt: `scrypt$N=16384,r=8,p=1$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  return format(CURRENT, salt, await deriveKey(password, salt, KEY_BYTES, CURRENT))
}

/** Whether `password` matches a stored hash, using the parameters stored with it; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { parameters, salt, hash } = parse(stored)
  if (hash.length === 0) return false
  const candidate = await deriveKey(password, salt, hash.length, parameters)
  return timingSafeEqual(candidate, hash)
}

/** Whether a stored hash was made with weaker parameters than new hashes use, so a sign-in should rehash it. */
export function needsRehash(stored: string): boolean {
  const { parameters } = parse(stored)
  return parameters.N < CURRENT.N || parameters.r < CURRENT.r || parameters.p < CURRENT.p
}

let decoy: Promise<string> | null = null

/**
 * Spends the time of one verification without a user to verify, so an unknown username answers as slowly
 * as a wrong password and timing does not tell which accounts exist.
 */
export async function verifyAgainstDecoy(password: string): Promise<void> {
  decoy ??= hashPassword(randomBytes(SALT_BYTES).toString('base64'))
  await verifyPassword(password, await decoy)
}
