/**
 * Plain vite config for the renderer alone (browser mode and the e2e tests): root src/renderer, output
 * out/renderer-web. electron-vite builds the same renderer for the desktop app (electron.vite.config.ts) with
 * the same plugins, exported from here.
 */
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { contentSecurityPolicy } from './src/shared/csp';

export const rendererRoot = resolve(import.meta.dirname, 'src/renderer');
export const webRendererOutDir = resolve(import.meta.dirname, 'out/renderer-web');

/** Inserts the app CSP as a meta tag into the built index.html (dev servers inject inline scripts, so build only). */
export function cspMetaTagPlugin(): Plugin {
  return {
    name: 'offset-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ delivery: 'meta' }) },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export const rendererPlugins = () => [react(), cspMetaTagPlugin()];

/** The browser-mode renderer build; tests call it with a temporary outDir and `configFile: false`. */
export function webRendererConfig(outDir = webRendererOutDir): UserConfig {
  return {
    root: rendererRoot,
    base: './',
    plugins: rendererPlugins(),
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  };
}

export default defineConfig(webRendererConfig());
