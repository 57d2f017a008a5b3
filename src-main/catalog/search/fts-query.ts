/**
 * Turns what a person typed into a safe FTS5 query: every word becomes a quoted prefix term, all
 * required ("amel pou" finds "Amélie Poulain"). FTS syntax in the input is never interpreted.
 * Returns null when the text has nothing searchable (only punctuation, say).
 */
export function toFtsPrefixQuery(text: string): string | null {
  // Marks included, so a decomposed accent (e + U+0301) stays part of its word.
  const words = text.match(/[\p{L}\p{N}\p{M}]+/gu)
  if (!words) return null
  return words
    .slice(0, 16)
    .map((word) => `"${word}"*`)
    .join(' ')
}
