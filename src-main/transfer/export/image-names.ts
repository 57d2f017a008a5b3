const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
  'image/apng': 'png',
}

/** Where an export zip keeps a stored image: `images/<key>.<ext>`, named by its content so each is there once. */
export const exportedImagePath = (key: string, mimeType: string) =>
  `images/${key}.${EXTENSIONS[mimeType] ?? 'img'}`
