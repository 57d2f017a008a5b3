import { describe, expect, it } from 'vitest'
import { formatDuration, parseDuration } from '../../src-shared/duration.ts'

describe('durations', () => {
  it('reads minutes or hours and minutes, as people type them', () => {
    expect(parseDuration('134')).toBe(134 * 60)
    expect(parseDuration(' 2:14 ')).toBe(134 * 60)
    expect(parseDuration('0:45')).toBe(45 * 60)
    expect(parseDuration('2h 14m')).toBe(134 * 60)
    expect(parseDuration('2 h 14 min')).toBe(134 * 60)
    expect(parseDuration('95 min')).toBe(95 * 60)
    expect(parseDuration('3h')).toBe(180 * 60)
    expect(parseDuration('')).toBeNull()
  })

  it('refuses what is not a duration', () => {
    for (const text of ['2:75', 'abc', '-5', '1.5', '2:1', 'h', '12345'])
      expect(parseDuration(text), text).toBeNull()
  })

  it('shows whole hours and minutes', () => {
    expect(formatDuration(134 * 60)).toBe('2 h 14 min')
    expect(formatDuration(45 * 60)).toBe('45 min')
    expect(formatDuration(120 * 60)).toBe('2 h')
    expect(formatDuration(89)).toBe('1 min')
    expect(formatDuration(0)).toBe('0 min')
  })

  it('round-trips what it shows', () => {
    for (const minutes of [1, 59, 60, 61, 134, 600]) {
      const shown = formatDuration(minutes * 60)
        .replace(' h ', 'h ')
        .replace(' min', 'm')
      expect(parseDuration(shown)).toBe(minutes * 60)
    }
  })
})
