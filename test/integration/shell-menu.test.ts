import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({ Menu: {} }))

const { applicationMenuTemplate } = await import('../../src-main/app/menu.ts')

type Item = MenuItemConstructorOptions

const submenuOf = (item: Item | undefined): Item[] => (Array.isArray(item?.submenu) ? item.submenu : [])

const roles = (items: Item[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(submenuOf(item))])

const menu = (label: string, items: Item[]) => submenuOf(items.find((item) => item.label === label))

describe('the application menu', () => {
  it('offers reload and the dev tools only in development', () => {
    const dev = roles(applicationMenuTemplate({ isMac: false, isDev: true }))
    const production = roles(applicationMenuTemplate({ isMac: false, isDev: false }))
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
    expect(production).not.toContain('reload')
    expect(production).not.toContain('forceReload')
    expect(production).not.toContain('toggleDevTools')
  })

  it('has File with Quit, Edit, View, Window and Help on Windows and Linux', () => {
    const template = applicationMenuTemplate({ isMac: false, isDev: false })
    expect(roles(menu('&File', template))).toEqual(['quit'])
    expect(roles(menu('&Edit', template))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'])
    expect(roles(menu('&View', template))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    expect(template.map((item) => item.role ?? item.label)).toEqual([
      '&File',
      '&Edit',
      '&View',
      'windowMenu',
      'help',
    ])
    expect(roles(template)).not.toContain('appMenu')
  })

  it('starts with the app menu on macOS, where Quit lives', () => {
    const template = applicationMenuTemplate({ isMac: true, isDev: false })
    expect(template[0]).toEqual({ role: 'appMenu' })
    expect(roles(menu('&File', template))).toEqual(['close'])
  })
})
