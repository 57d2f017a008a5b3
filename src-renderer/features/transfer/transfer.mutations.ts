import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { Input } from '../../../src-shared/contract.ts'
import type { TaskSnapshot } from '../../../src-shared/tasks.ts'
import { UPLOAD_CHUNK_BYTES } from '../../../src-shared/transfer.ts'
import { api } from '../../lib/api.ts'
import { refreshAfter } from '../../lib/query-refresh.ts'
import { transferKeys } from './transfer.queries.ts'

const base64Of = (bytes: Uint8Array) => {
  let binary = ''
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000))
  }
  return btoa(binary)
}

/** Sends a chosen file to main in pieces; resolves with its upload id. */
export async function uploadFile(file: File): Promise<string> {
  let uploadId: string | null = null
  for (let offset = 0; offset === 0 || offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    const piece = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer())
    const receipt: { uploadId: string } = await api.transfer.upload({
      uploadId,
      fileName: file.name,
      offset,
      dataBase64: base64Of(piece),
    })
    uploadId = receipt.uploadId
  }
  return uploadId as string
}

/** A call that starts a task: the new task joins the list at once. */
function useStartTask<T>(start: (input: T) => Promise<TaskSnapshot>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: start,
    onSuccess: (task) => {
      queryClient.setQueryData<TaskSnapshot[]>(transferKeys.tasks, (tasks = []) => [
        task,
        ...tasks.filter((other) => other.taskId !== task.taskId),
      ])
    },
  })
}

export const usePreviewImport = () =>
  useStartTask(async (file: File) => api.transfer.preview({ uploadId: await uploadFile(file) }))
export const useImport = () => useStartTask((input: Input<'transfer:import'>) => api.transfer.import(input))
export const useExport = () => useStartTask((input: Input<'transfer:export'>) => api.transfer.export(input))
export const useCheck = () => useStartTask(() => api.transfer.check())
export const useBackUpNow = () => useStartTask(() => api.backups.create())
export const useRestore = () => useStartTask((input: Input<'backups:restore'>) => api.backups.restore(input))

export function useCancelTask() {
  return useMutation({ mutationFn: (taskId: string) => api.tasks.cancel({ taskId }) })
}

export function useSetSchedule() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (schedule: Input<'backups:setSchedule'>) => api.backups.setSchedule(schedule),
    onSuccess: (overview) => {
      queryClient.setQueryData(transferKeys.backups, overview)
      return refreshAfter(queryClient, 'backups:setSchedule')
    },
  })
}
