// The genres-and-countries feature's public face: what other features may use.
export { CountrySelect } from './country-select.tsx'
export { GenreMultiSelect } from './genre-multi-select.tsx'
