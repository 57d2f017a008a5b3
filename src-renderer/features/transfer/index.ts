export { TaskIndicator } from './task-indicator.tsx'
export { transferNav, transferRoute } from './transfer.routes.ts'
