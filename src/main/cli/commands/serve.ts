/**
 * `offset serve`: browser mode. Serves the built renderer (out/renderer-web, from
 * `npx vite build -c vite.renderer.config.ts`) and the Offset API on a loopback port until interrupted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberOption, stringOption } from '../args';
import type { CliCommand } from '../command';
import { startOffsetServer } from '../../server/offsetServer';
import { startServiceRuntime } from '../../services/runtime';
import { openStoreFromOptions } from '../../store';

/** The repository root (this module runs from its sources, via bin/offset.js). */
const APP_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DEFAULT_STATIC_DIR = join(APP_ROOT, 'out', 'renderer-web');

function appVersion(): string {
  return (JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

const isPort = (x: number) => Number.isInteger(x) && x >= 0 && x <= 65535;

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const serveCommand: CliCommand = {
  name: ['serve'],
  summary: 'Serve the workstation to a local browser (browser mode, token-protected, loopback only by default)',
  usage: 'offset serve [--db FILE] [--port 0] [--host 127.0.0.1] [--token T] [--allow-remote] [--static DIR] [--workers N]',
  async run(ctx) {
    const staticDir = stringOption(ctx.options, 'static') ?? DEFAULT_STATIC_DIR;
    if (!existsSync(join(staticDir, 'index.html'))) {
      throw new Error(`no built renderer in ${staticDir}: run \`npx vite build -c vite.renderer.config.ts\` first`);
    }
    const db = openStoreFromOptions(ctx.options);
    const workers = numberOption(ctx.options, 'workers', (x) => Number.isInteger(x) && x >= 1);
    const runtime = startServiceRuntime({ db, info: { version: appVersion(), transport: 'http', databasePath: db.name }, pool: { size: workers } });
    try {
      const server = await startOffsetServer({
        services: runtime.services,
        progress: runtime.progress,
        staticDir,
        host: stringOption(ctx.options, 'host'),
        port: numberOption(ctx.options, 'port', isPort) ?? 0,
        token: stringOption(ctx.options, 'token'),
        allowRemote: ctx.options['allow-remote'] === true,
      });
      ctx.stdout(ctx.json ? JSON.stringify({ url: server.url, host: server.host, port: server.port }) : `Offset browser mode: open ${server.url}\n(Ctrl+C stops the server)`);
      await untilInterrupted();
      await server.close();
    } finally {
      await runtime.close();
      db.close();
    }
    return 0;
  },
};
