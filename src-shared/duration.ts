/** Durations are stored as whole seconds; people type minutes ("134") or h:mm ("2:14"). */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const hoursMinutes = /^(\d{1,3}):([0-5]\d)$/.exec(trimmed)
  if (hoursMinutes) return (Number(hoursMinutes[1]) * 60 + Number(hoursMinutes[2])) * 60
  const hm = /^(?:(\d{1,3})\s*h)?\s*(?:(\d{1,3})\s*(?:m|min))?$/i.exec(trimmed)
  if (hm && (hm[1] || hm[2])) return (Number(hm[1] ?? 0) * 60 + Number(hm[2] ?? 0)) * 60
  if (/^\d{1,4}$/.test(trimmed)) return Number(trimmed) * 60
  return null
}

/** "2 h 14 min", "45 min", "2 h". */
export function formatDuration(seconds: number): string {
  const totalMinutes = Math.round(seconds / 60)
  const hours = Math.floor(totalMinutes / 60)
  const minutes = totalMinutes % 60
  if (hours === 0) return `${minutes} min`
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`
}
