import type { DomainHandlers } from '../../ipc/handlers.ts'
import {
  countryUsage,
  createCountry,
  deleteCountry,
  listCountries,
  renameCountry,
} from './countries.service.ts'

export const countryHandlers: DomainHandlers<'countries'> = {
  'countries:list': (_input, { em }) => listCountries(em),
  'countries:create': (input, { em }) => createCountry(em, input),
  'countries:rename': (input, { em }) => renameCountry(em, input),
  'countries:usage': (input, { em }) => countryUsage(em, input.id),
  'countries:delete': (input, { em }) => deleteCountry(em, input.id),
}
