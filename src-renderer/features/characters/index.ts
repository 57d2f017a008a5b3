// The characters feature's public face: what other features may use.
export { CastEditor } from './cast-editor.tsx'
