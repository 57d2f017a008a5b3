import type { DomainHandlers } from '../../ipc/handlers.ts'
import { createPerson, deletePerson, personUsage, updatePerson } from './people.service.ts'
import { listPeople } from './people-list.service.ts'
import { readFilmography, readPersonDetail } from './person-detail.service.ts'

export const peopleHandlers: DomainHandlers<'people'> = {
  'people:create': (input, ctx) => createPerson(ctx, input),
  'people:update': (input, ctx) => updatePerson(ctx, input),
  'people:usage': (input, { em }) => personUsage(em, input.id),
  'people:delete': (input, { em }) => deletePerson(em, input.id),
  'people:get': { read: (input, { sql }) => readPersonDetail(sql, input.id) },
  'people:filmography': { read: (input, ctx) => readFilmography(ctx, input) },
  'people:list': { read: (input, ctx) => listPeople(ctx, input) },
}
