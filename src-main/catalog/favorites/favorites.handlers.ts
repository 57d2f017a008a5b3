import type { DomainHandlers } from '../../ipc/handlers.ts'
import { addFavorite, listFavorites, removeFavorite } from './favorites.service.ts'

export const favoriteHandlers: DomainHandlers<'favorites'> = {
  'favorites:add': (input, ctx) => addFavorite(ctx, input),
  'favorites:remove': (input, ctx) => removeFavorite(ctx, input),
  'favorites:list': (input, ctx) => listFavorites(ctx, input),
}
