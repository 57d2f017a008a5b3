// Developer tool: writes a migration for the difference between the entities and the committed migrations.
// Usage: npm run db:migration -- <short-name>
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MikroORM } from '@mikro-orm/sqlite'
import { ormConfig } from '../orm-config.ts'

const migrationsDir = join(import.meta.dirname, '..', 'migrations')
// The search triggers live outside the entity metadata (they feed FTS5 tables the ORM cannot model),
// so the schema diff always proposes dropping them; those statements are never wanted.
const SEARCH_TRIGGER_DROP = /^\s*this\.addSql\(`drop trigger if exists \\`\w+_search_after_\w+\\`;`\);\n/gm

const name = process.argv[2]
const scratch = await mkdtemp(join(tmpdir(), 'catalog-migration-'))
const base = ormConfig(join(scratch, 'scratch.sqlite'))
const orm = await MikroORM.init({ ...base, migrations: { ...base.migrations, path: migrationsDir } })
try {
  await orm.migrator.up()
  const result = await orm.migrator.create(undefined, false, false, name)
  if (result.fileName) {
    const path = join(migrationsDir, result.fileName)
    const source = (await readFile(path, 'utf8')).replace(SEARCH_TRIGGER_DROP, '')
    if (/addSql\(/.test(source.split('override down')[0] ?? '')) {
      await writeFile(path, source)
      console.log(`Wrote ${result.fileName}; add it to migrations/index.ts.`)
    } else {
      await rm(path)
      console.log('No changes.')
    }
  } else {
    console.log('No changes.')
  }
} finally {
  await orm.close()
  await rm(scratch, { recursive: true, force: true })
}
