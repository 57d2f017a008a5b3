import type { DomainHandlers } from '../../ipc/handlers.ts'
import { addCharacter, removeCharacter, setCharacterActor, updateCharacter } from './characters.service.ts'

export const characterHandlers: DomainHandlers<'characters'> = {
  'characters:add': (input, ctx) => addCharacter(ctx, input),
  'characters:update': (input, { em }) => updateCharacter(em, input),
  'characters:remove': (input, { em }) => removeCharacter(em, input.id),
  'characters:setActor': (input, { em }) => setCharacterActor(em, input),
}
