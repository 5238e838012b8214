/**
 * Desktop build (`npm run build`): main process (+ the engine worker entry, out/main/worker.js, which the worker
 * pool forks as an Electron utility process), the sandboxed preload as CommonJS (sandboxed preloads cannot load
 * ES modules), and the renderer with the same plugins as the browser-mode build (vite.renderer.config.ts).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererPlugins, rendererRoot } from './vite.renderer.config';

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/main/index.ts'), worker: resolve(import.meta.dirname, 'src/main/worker/entry.ts') },
      },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads get a restricted require: bundle everything into the one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: rendererRoot,
    base: './',
    plugins: rendererPlugins(),
    build: {
      minify: true,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { input: resolve(rendererRoot, 'index.html') },
    },
  },
});
