// The search feature's public face: what the app layer composes (the command palette).
export { searchQueries } from './search.queries.ts'
