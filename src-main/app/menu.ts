import { Menu, type MenuItemConstructorOptions } from 'electron'

/** The application menu: platform-standard roles, which bring their own labels and accelerators. */
export function applicationMenuTemplate(options: {
  isMac: boolean
  isDev: boolean
}): MenuItemConstructorOptions[] {
  const { isMac, isDev } = options
  const separator: MenuItemConstructorOptions = { type: 'separator' }
  // A reload drops unsaved form input and the dev tools expose internals: both are for development.
  const devItems: MenuItemConstructorOptions[] = isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : []
  return [
    // macOS keeps About, Hide and Quit in a menu named after the app.
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        separator,
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...devItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: isMac ? [] : [{ role: 'about' }] },
  ]
}

/** Installs the application menu (after `ready`). */
export function installApplicationMenu(options: { isMac: boolean; isDev: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(options)))
}
