/**
 * How a name typed in one box becomes a person: the last word is the family name, the rest the given
 * names ("Agnès Varda", "Jean-Luc Godard", "Bong Joon-ho" → given "Bong", family "Joon-ho"). A single word
 * is a family name alone ("Madonna"). The person page can correct either half later.
 */
export function splitFullName(text: string): { firstName: string | null; lastName: string | null } {
  const words = text.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return { firstName: null, lastName: null }
  const lastName = words.at(-1) ?? null
  const firstName = words.slice(0, -1).join(' ') || null
  return { firstName, lastName }
}
