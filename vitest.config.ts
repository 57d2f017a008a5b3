import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src-renderer/**/*.test.ts'],
    // Real SQLite files and a real Chromium: give slow machines room, but keep failures visible.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // What the UI shows after a click may take a moment on a busy machine; a poll waits for it, never a sleep.
    expect: { poll: { timeout: 10_000 } },
  },
})
