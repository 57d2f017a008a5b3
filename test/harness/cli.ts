import { parseArgs } from 'node:util'
import { startHarness } from './harness.ts'

const usage = 'Usage: npm run harness -- --data-dir <dir> [--port <n>]'

const readArguments = () => {
  try {
    const { values } = parseArgs({
      options: { 'data-dir': { type: 'string' }, port: { type: 'string', default: '0' } },
    })
    return { dataDir: values['data-dir'], port: Number(values.port) }
  } catch (error) {
    console.error((error as Error).message)
    return { dataDir: undefined, port: Number.NaN }
  }
}

const { dataDir, port } = readArguments()
if (!dataDir || !Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(usage)
  process.exit(2)
}

const harness = await startHarness({ dataDir, port })
// Scripts and tests wait for exactly this line.
console.log(`Harness ready at ${harness.url}`)

const stop = async () => {
  await harness.close()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
