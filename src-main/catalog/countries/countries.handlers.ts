import type { DomainHandlers } from '../../ipc/handlers.ts'
import { countries } from './countries.service.ts'

export const countryHandlers: DomainHandlers<'countries'> = {
  'countries:list': (_input, { em }) => countries.list(em),
  'countries:create': (input, { em }) => countries.create(em, input),
  'countries:rename': (input, { em }) => countries.rename(em, input),
  'countries:usage': (input, { em }) => countries.usage(em, input.id),
  'countries:delete': (input, { em }) => countries.delete(em, input.id),
}
