import { type CSSVariablesResolver, createTheme, Drawer, Modal, Notification } from '@mantine/core'

// System fonts only: the app works offline and ships no web fonts.
const systemFonts =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif'

/** The catalogue's look: a calm indigo accent on neutral surfaces. */
export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 keeps white text on filled buttons above 4.5:1 in both schemes.
  primaryShade: { light: 7, dark: 7 },
  defaultRadius: 'md',
  cursorType: 'pointer',
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts, fontWeight: '650' },
  // Mantine's close buttons carry only an icon: each gets a name assistive technology can read.
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
  },
})

// The colours the app uses for light buttons, badges, alerts and the active navigation entry, with the
// text colour that reads on their tints: the darkest shade, except for orange and yellow, whose darkest
// shades are still too light (3.6:1), so they get a deeper brown of their own.
const LIGHT_VARIANT_TEXT: Record<string, string> = {
  indigo: 'var(--mantine-color-indigo-9)',
  red: 'var(--mantine-color-red-9)',
  teal: 'var(--mantine-color-teal-9)',
  gray: 'var(--mantine-color-gray-9)',
  green: 'var(--mantine-color-green-9)',
  violet: 'var(--mantine-color-violet-9)',
  orange: '#9a3800',
  yellow: '#7a5200',
}

/**
 * Text dark enough to read, as WCAG AA asks (4.5:1): Mantine's secondary grey ("dimmed") is 3.3:1 on white,
 * and the text of its light variants (shade 6 on a tint of the same colour) about 4:1 in the light scheme.
 * These choices are above 5:1 on every surface the app uses.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-primary-color-light-color': 'var(--mantine-color-indigo-9)',
    ...Object.fromEntries(
      Object.entries(LIGHT_VARIANT_TEXT).map(([color, text]) => [
        `--mantine-color-${color}-light-color`,
        text,
      ]),
    ),
  },
  dark: { '--mantine-color-dimmed': '#a3a3a3', '--mantine-color-error': 'var(--mantine-color-red-5)' },
})
