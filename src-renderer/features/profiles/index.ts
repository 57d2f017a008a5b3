// The profiles feature's public face: what the app layer composes.
export { profileRoute } from './profiles.routes.ts'
export { SessionGate } from './session-gate.tsx'
export { UserMenu } from './user-menu.tsx'
