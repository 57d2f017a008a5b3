import type { DomainHandlers } from '../../ipc/handlers.ts'
import { createPerson, deletePerson, getPerson, personUsage, updatePerson } from './people.service.ts'
import { listPeople } from './people-list.service.ts'

export const peopleHandlers: DomainHandlers<'people'> = {
  'people:create': (input, { em }) => createPerson(em, input),
  'people:update': (input, { em }) => updatePerson(em, input),
  'people:usage': (input, { em }) => personUsage(em, input.id),
  'people:delete': (input, { em }) => deletePerson(em, input.id),
  'people:get': (input, { em }) => getPerson(em, input.id),
  'people:list': (input, { em }) => listPeople(em, input),
}
