import { createSpotlight } from '@mantine/spotlight'

/** The command palette's own Spotlight store, and how to open it from a key or a button. */
export const [paletteStore, palette] = createSpotlight()
