/**
 * `offset serve`: browser mode. Serves the built renderer (out/renderer-web, from
 * `npx vite build -c vite.renderer.config.ts`) and the Offset API on a loopback port until interrupted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand, CliContext } from '../command';
import { startOffsetServer } from '../../server/offsetServer';
import { createOffsetServices } from '../../services/offsetServices';
import { createProgressHub } from '../../services/progressHub';
import { storePortfolioSource } from '../../services/storeSource';
import { openStoreFromOptions } from '../../store';
import { stringOption } from './backtest';

const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../../out/renderer-web', import.meta.url));

function portOption(ctx: CliContext): number {
  const text = stringOption(ctx, 'port') ?? '0';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got '${text}'`);
  return port;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const serveCommand: CliCommand = {
  name: ['serve'],
  summary: 'Serve the workstation to a local browser (browser mode, token-protected, loopback only by default)',
  usage: 'offset serve [--db FILE] [--port 0] [--host 127.0.0.1] [--token T] [--allow-remote] [--static DIR]',
  async run(ctx) {
    const staticDir = stringOption(ctx, 'static') ?? DEFAULT_STATIC_DIR;
    if (!existsSync(join(staticDir, 'index.html'))) {
      throw new Error(`no built renderer in ${staticDir}: run \`npx vite build -c vite.renderer.config.ts\` first`);
    }
    const db = openStoreFromOptions(ctx.options);
    try {
      const server = await startOffsetServer({
        services: createOffsetServices({
          source: storePortfolioSource(db),
          info: { version: process.env.npm_package_version ?? 'dev', transport: 'http', databasePath: db.name },
        }),
        progress: createProgressHub(),
        staticDir,
        host: stringOption(ctx, 'host'),
        port: portOption(ctx),
        token: stringOption(ctx, 'token'),
        allowRemote: ctx.options['allow-remote'] === true,
      });
      ctx.stdout(ctx.json ? JSON.stringify({ url: server.url, host: server.host, port: server.port }) : `Offset browser mode: open ${server.url}\n(Ctrl+C stops the server)`);
      await untilInterrupted();
      await server.close();
    } finally {
      db.close();
    }
    return 0;
  },
};
