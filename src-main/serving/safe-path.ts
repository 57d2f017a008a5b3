// Path checks for serving files by URL: app:// and the harness resolve every request through these.
import fs from 'node:fs'
import path from 'node:path'

const isWithin = (root: string, candidate: string) => {
  const relative = path.relative(root, candidate)
  return !(relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
}

const isMissing = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/**
 * The real path of `candidate` if it (or, when it does not exist, its nearest existing ancestor)
 * really lies inside `root` after following symlinks; null when it escapes.
 */
export function realPathInsideRoot(root: string, candidate: string): string | null {
  const target = path.resolve(candidate)
  if (!isWithin(path.resolve(root), target)) return null
  let realRoot: string
  try {
    realRoot = fs.realpathSync(root)
  } catch {
    return null
  }
  for (let existing = target; ; existing = path.dirname(existing)) {
    try {
      const real = fs.realpathSync(existing)
      if (!isWithin(realRoot, real)) return null
      return existing === target ? real : target
    } catch (error) {
      if (!isMissing(error) || path.dirname(existing) === existing) return null
    }
  }
}

/**
 * Maps a URL path relative to `root` (the pathname without its leading slash, still percent-encoded)
 * to a file path inside `root`, or null for anything that could escape it: `..` segments (plain or
 * encoded), encoded separators, absolute or drive paths, NUL bytes, bad encoding, or symlinks out.
 */
export function resolveInsideRoot(root: string, requestPath: string): string | null {
  // A real asset URL never encodes a separator; an encoded one only serves to smuggle `..%2f`.
  if (/%2f|%5c/i.test(requestPath)) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(requestPath)
  } catch {
    return null
  }
  // Backslashes and colons separate paths, drives and streams on Windows; no asset name has one.
  if (/[\0\\:]/.test(decoded) || decoded.startsWith('/')) return null
  const segments = decoded.split('/')
  // Windows drops trailing dots and spaces from a name, so there `.. ` and `...` climb like `..`.
  if (segments.some((segment) => segment !== '.' && segment !== '' && /^[. ]+$/.test(segment))) return null
  return realPathInsideRoot(root, path.join(root, ...segments))
}
