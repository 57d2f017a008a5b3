// The command line: the same runtime, dispatcher and services as the app, on a data directory, in Node.
// npm run catalog -- <command> --data-dir <dir>
import { copyFile, open } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Channel, Input, Output } from '../../src-shared/contract.ts'
import type { TaskSnapshot } from '../../src-shared/tasks.ts'
import { UPLOAD_CHUNK_BYTES } from '../../src-shared/transfer.ts'
import { resolveDataDir } from '../db/data-dir.ts'
import { type CatalogRuntime, openCatalogRuntime } from '../ipc/runtime.ts'
import { countRows, withSnapshot } from '../transfer/snapshot-reader.ts'

const USAGE = `Usage: npm run catalog -- <command> --data-dir <dir>

Commands:
  import <file> [--duplicates skip|add]   a CSV (the catalogue's own, IMDb, Letterboxd) or a Letterboxd zip
  export <file> [--format csv|json] [--images]
  backup [<file>]                         into <dir>/backups/, and copied to <file> if given
  restore <file>                          a backup zip; the catalogue as it was is kept in <dir>/backups/
  check                                   SQLite's integrity check, references, and every image present
  stats                                   how many films, people, … the catalogue holds`

class UsageError extends Error {}

const quiet = {
  error: (message: string, ...details: unknown[]) => console.error(message, ...details),
  warn: () => {},
  info: () => {},
}

/** A bar redrawn in place on a terminal; a line per phase (and every quarter) otherwise. */
function progressPrinter() {
  const tty = process.stderr.isTTY === true
  let lastPhase = ''
  let lastQuarter = -1
  return {
    show(task: TaskSnapshot) {
      const fraction = task.total > 0 ? Math.min(1, task.done / task.total) : 0
      if (tty) {
        const width = 30
        const filled = Math.round(fraction * width)
        const left = task.secondsLeft !== null ? `, ${task.secondsLeft} s left` : ''
        const count = task.total > 0 ? ` ${task.done}/${task.total}` : ''
        process.stderr.write(
          `\r\x1b[2K${task.phase.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${count}${left}`,
        )
        return
      }
      const quarter = Math.floor(fraction * 4)
      if (task.phase !== lastPhase || quarter !== lastQuarter) {
        lastPhase = task.phase
        lastQuarter = quarter
        process.stderr.write(`${task.phase}${task.total > 0 ? `: ${task.done} of ${task.total}` : ''}\n`)
      }
    },
    end() {
      if (tty) process.stderr.write('\r\x1b[2K')
    },
  }
}

async function call<C extends Channel>(
  runtime: CatalogRuntime,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const result = await runtime.dispatch(channel, input)
  if (!result.ok) throw new Error(result.error.message)
  return result.value as Output<C>
}

/** Runs a task to its end with a progress display; its result, or the error it ended with. */
async function runTask(runtime: CatalogRuntime, start: Promise<TaskSnapshot>) {
  const printer = progressPrinter()
  let taskId: string | null = null
  const early: TaskSnapshot[] = []
  const done = new Promise<TaskSnapshot>((resolveDone) => {
    runtime.onEvent((name, payload) => {
      if (name !== 'task:progress') return
      const snapshot = payload as TaskSnapshot
      if (taskId === null) early.push(snapshot)
      else if (snapshot.taskId === taskId) {
        if (snapshot.state === 'running') printer.show(snapshot)
        else resolveDone(snapshot)
      }
    })
  })
  const started = await start
  taskId = started.taskId
  const finishedEarly = early.find((snapshot) => snapshot.taskId === taskId && snapshot.state !== 'running')
  const ended = finishedEarly ?? (await done)
  printer.end()
  if (ended.state !== 'done' || !ended.result)
    throw new Error(ended.error?.message ?? `${ended.label}: ${ended.state}.`)
  return { taskId: ended.taskId, result: ended.result }
}

/** Brings a file in through the same calls the window uses, in pieces. */
async function uploadFile(runtime: CatalogRuntime, path: string): Promise<string> {
  const handle = await open(path, 'r').catch(() => {
    throw new Error(`Cannot read ${path}.`)
  })
  try {
    let uploadId: string | null = null
    let offset = 0
    const buffer = Buffer.alloc(UPLOAD_CHUNK_BYTES)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, UPLOAD_CHUNK_BYTES, offset)
      if (bytesRead === 0 && uploadId !== null) return uploadId
      const receipt: Output<'transfer:upload'> = await call(runtime, 'transfer:upload', {
        uploadId,
        fileName: basename(path),
        offset,
        dataBase64: buffer.subarray(0, bytesRead).toString('base64'),
      })
      uploadId = receipt.uploadId
      offset += bytesRead
      if (bytesRead === 0) return uploadId
    }
  } finally {
    await handle.close()
  }
}

async function run(
  command: string,
  args: string[],
  options: Record<string, string | boolean | undefined>,
  runtime: CatalogRuntime,
) {
  const file = args[0]
  const needFile = () => {
    if (!file) throw new UsageError(`${command} needs a file.`)
    return resolve(file)
  }
  switch (command) {
    case 'import': {
      const uploadId = await uploadFile(runtime, needFile())
      const read = await runTask(runtime, call(runtime, 'transfer:preview', { uploadId }))
      if (read.result.kind !== 'import-preview') throw new Error('Unexpected result.')
      const { preview } = read.result
      console.log(
        `${preview.formatLabel} (${preview.encoding}, separator ${preview.separator}): ${preview.rows} rows.`,
      )
      for (const problem of preview.problems.items) console.log(`  line ${problem.line}: ${problem.reason}`)
      const duplicates = options.duplicates === 'add' ? 'add' : 'skip'
      const imported = await runTask(
        runtime,
        call(runtime, 'transfer:import', { previewTaskId: read.taskId, duplicates }),
      )
      if (imported.result.kind !== 'import') throw new Error('Unexpected result.')
      const summary = imported.result.summary
      console.log(
        `Added ${summary.moviesAdded} films, ${summary.peopleAdded} people, ${summary.genresAdded} genres, ${summary.countriesAdded} countries; ${summary.duplicatesSkipped} already there were skipped; ${preview.problems.total} rows could not be read.`,
      )
      return
    }
    case 'export': {
      const target = needFile()
      const format =
        options.format === 'json' ? 'json' : options.format === 'csv' || !options.format ? 'csv' : null
      if (!format) throw new UsageError('--format is csv or json.')
      const exported = await runTask(
        runtime,
        call(runtime, 'transfer:export', { format, includeImages: options.images === true }),
      )
      if (exported.result.kind !== 'export') throw new Error('Unexpected result.')
      await copyFile(exported.result.summary.path, target)
      console.log(`Exported ${exported.result.summary.movies} films to ${target}.`)
      return
    }
    case 'backup': {
      const backedUp = await runTask(runtime, call(runtime, 'backups:create', {}))
      if (backedUp.result.kind !== 'backup') throw new Error('Unexpected result.')
      const { path } = backedUp.result.summary
      if (file) await copyFile(path, resolve(file))
      console.log(
        `Backed up ${backedUp.result.summary.movies} films and ${backedUp.result.summary.images} images to ${file ? resolve(file) : path}.`,
      )
      return
    }
    case 'restore': {
      const uploadId = await uploadFile(runtime, needFile())
      const restored = await runTask(runtime, call(runtime, 'backups:restore', { uploadId }))
      if (restored.result.kind !== 'restore') throw new Error('Unexpected result.')
      const { summary } = restored.result
      console.log(
        `Restored ${summary.movies} films from ${summary.restoredFrom}${summary.migrated ? ' (upgraded to this version)' : ''}.`,
      )
      console.log(`The catalogue as it was before is kept as backups/${summary.previousCatalogue}.`)
      if (!summary.check.ok)
        throw new Error(`The restored catalogue has problems:\n${summary.check.problems.join('\n')}`)
      return
    }
    case 'check': {
      const checked = await runTask(runtime, call(runtime, 'transfer:check', {}))
      if (checked.result.kind !== 'check') throw new Error('Unexpected result.')
      const { report } = checked.result
      if (!report.ok)
        throw new Error(
          `The catalogue has ${report.problems.length} problems:\n${report.problems.join('\n')}`,
        )
      console.log(
        `The catalogue is sound: ${report.movies} films, ${report.images} images, every reference and image in place.`,
      )
      return
    }
    case 'stats': {
      const counts = await withSnapshot(runtime.dataDir, async (db) => countRows(db))
      for (const [name, count] of Object.entries(counts)) console.log(`${name.padEnd(12)}${count}`)
      return
    }
    default:
      throw new UsageError(`Unknown command: ${command}.`)
  }
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        format: { type: 'string' },
        duplicates: { type: 'string' },
        images: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    })
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const [command, ...args] = parsed.positionals
  if (parsed.values.help || !command) {
    console.error(USAGE)
    return parsed.values.help ? 0 : 2
  }
  if (!parsed.values['data-dir']) {
    console.error(`--data-dir <dir> is required.\n\n${USAGE}`)
    return 2
  }
  let runtime: CatalogRuntime
  try {
    runtime = await openCatalogRuntime({
      dataDir: resolveDataDir({ argv: process.argv, env: {}, defaultDir: '.' }),
      logger: quiet,
    })
  } catch (error) {
    console.error((error as Error).message)
    return 1
  }
  try {
    await run(command, args, parsed.values as Record<string, string | boolean | undefined>, runtime)
    return 0
  } catch (error) {
    console.error(
      error instanceof UsageError ? `${error.message}\n\n${USAGE}` : `Failed: ${(error as Error).message}`,
    )
    return error instanceof UsageError ? 2 : 1
  } finally {
    await runtime.close()
  }
}

process.exitCode = await main()
