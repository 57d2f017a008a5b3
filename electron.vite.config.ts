import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type RendererViteConfig } from 'electron-vite'
import type { Plugin } from 'vite'

/**
 * electron-vite builds the renderer with relative asset paths (base './'), which a deep route such as
 * app://catalog/movies/42, answered with index.html, would resolve under /movies/. A <base href="/">
 * makes them resolve from the root in the app, the harness and the dev server alike.
 */
function rootRelativeAssets(): Plugin {
  return {
    name: 'root-relative-assets',
    transformIndexHtml: () => [{ tag: 'base', attrs: { href: '/' }, injectTo: 'head-prepend' }],
  }
}

/** The renderer's build, shared with the browser harness so both serve the very same bundle. */
export const rendererConfig = {
  root: resolve(import.meta.dirname, 'src-renderer'),
  plugins: [react(), rootRelativeAssets()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // electron-vite leaves the renderer unminified; minified, it is under half the size in every installer
    // (source maps are not shipped, so a stack trace reads the same either way).
    minify: true,
    // The bundle loads from local disk, never over a network, so its size is not worth a warning.
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } },
  },
} satisfies RendererViteConfig

// Source folders are not electron-vite's defaults, so every entry is named explicitly (STACK.md #13).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // dependencies (MikroORM, better-sqlite3, …) stay external and ship in node_modules (STACK.md #7);
      // devDependencies, like the country list and its JSON locale, are bundled.
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src-main/app/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules or require packages: one self-contained CommonJS file (STACK.md #8).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
})
