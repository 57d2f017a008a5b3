/** Text read from a file, and how it was written. */
export interface DecodedText {
  text: string
  /** `utf-8`, `utf-16le`, `utf-16be`, or `windows-1252` for text that is not valid UTF-8. */
  encoding: string
}

/**
 * Turns a file's bytes into text. A byte order mark decides; otherwise strict UTF-8 is tried first (text
 * in any other encoding almost never passes it), and what fails is read as Windows-1252, the encoding
 * spreadsheet programs on Windows write, of which Latin-1 is a subset for every printable character.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' }
  }
}
