import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'catalog-cli-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const catalog = (...args: string[]) => {
  const result = spawnSync(
    process.execPath,
    ['src-main/cli/catalog-cli.ts', ...args, '--data-dir', join(dir, 'data')],
    {
      encoding: 'utf8',
    },
  )
  return { code: result.status, out: result.stdout, err: result.stderr }
}

describe('the command line', () => {
  it('imports, counts, exports, backs up, restores and checks, with plain progress lines off a terminal', () => {
    const csv = join(dir, 'films.csv')
    return writeFile(csv, 'Title,Year,Director\nAmélie,2001,Jean-Pierre Jeunet\n,1999,\n').then(() => {
      const imported = catalog('import', csv)
      expect(imported).toMatchObject({ code: 0 })
      expect(imported.out).toContain('line 3: Title is empty.')
      expect(imported.out).toContain('Added 1 films, 1 people')
      expect(imported.err).toContain('Saving: 1 of 1')
      expect(catalog('stats').out).toMatch(/movies\s+1\n/)
      expect(catalog('export', join(dir, 'out.json'), '--format', 'json')).toMatchObject({ code: 0 })
      expect(catalog('backup', join(dir, 'backup.zip'))).toMatchObject({ code: 0 })
      const restored = catalog('restore', join(dir, 'backup.zip'))
      expect(restored).toMatchObject({ code: 0 })
      expect(restored.out).toMatch(
        /Restored 1 films from backup.zip\.\nThe catalogue as it was before is kept as backups\/before-restore-/,
      )
      expect(catalog('check').out).toContain('The catalogue is sound: 1 films')
    })
  })

  it('fails with a clear message and a non-zero exit', () => {
    expect(catalog('restore', join(dir, 'missing.zip'))).toMatchObject({
      code: 1,
      err: expect.stringContaining('Cannot read'),
    })
    expect(catalog('frobnicate')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown command: frobnicate.'),
    })
    expect(catalog('export')).toMatchObject({ code: 2, err: expect.stringContaining('export needs a file.') })
  })
})
