import { ProfilePage } from './profile-page.tsx'

/** /profile: the signed-in profile. */
export const profileRoute = { path: '/profile', component: ProfilePage } as const
