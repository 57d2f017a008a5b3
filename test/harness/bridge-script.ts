import { readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import type { BridgeConfig } from './bridge-config.ts'

const SOURCE = path.join(import.meta.dirname, 'page-bridge.ts')

let compiled: string | undefined

// The TypeScript compiler's own transpiler, with the project's module settings: stable across Node
// versions (node:module's stripTypeScriptTypes is still experimental and warns on every start).
const compile = (): string => {
  const { outputText } = ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    fileName: SOURCE,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Preserve,
      verbatimModuleSyntax: true,
    },
  })
  if (/^\s*(import|export)\b/m.test(outputText)) {
    throw new Error(
      `${SOURCE} runs as a classic script in the page: it may import types only, and export nothing.`,
    )
  }
  return outputText
}

/**
 * The page bridge (page-bridge.ts, type-checked against the preload's CatalogBridge), compiled to
 * JavaScript once per process and served with this run's data — token, channel and event names —
 * defined before it, all inside one function scope so none of it leaks onto the page's globals.
 */
export function bridgeScript(config: BridgeConfig): string {
  compiled ??= compile()
  return `'use strict'
;(() => {
const HARNESS_BRIDGE = ${JSON.stringify(config)}
${compiled}
})()
//# sourceURL=harness/page-bridge.js
`
}
