import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type RendererViteConfig } from 'electron-vite'

/** The renderer's build, shared with the browser harness so both serve the very same bundle. */
export const rendererConfig = {
  root: resolve(import.meta.dirname, 'src-renderer'),
  // Absolute asset paths, so a deep route (app://catalog/movies/42) that falls back to index.html still loads them.
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
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
