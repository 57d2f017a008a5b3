import { useMutation } from '@tanstack/react-query'
import type { FileDto } from '../../src-shared/common.ts'
import { api } from './api.ts'

/** What the file store accepts; it checks the bytes, this only steers the file dialog. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']

const toBase64 = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const dataUrl = String(reader.result)
      resolve(dataUrl.slice(dataUrl.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'))
    reader.readAsDataURL(file)
  })

/**
 * Stores a picked, dropped or pasted image and returns it; the form that shows it points at it by id when
 * saved. An image no form saves is collected later by main.
 */
export function useImageUpload() {
  return useMutation({
    mutationFn: async (file: File): Promise<FileDto> =>
      api.files.upload({ fileName: file.name || 'Pasted image', dataBase64: await toBase64(file) }),
  })
}
