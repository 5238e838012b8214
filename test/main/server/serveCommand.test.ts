/**
 * `offset serve` as a real process: prints the tokenised URL, answers API calls on loopback with that token,
 * and exits 0 on SIGTERM. The command runs in a child so its signal handling cannot disturb the test runner.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const workDir = mkdtempSync(join(tmpdir(), 'offset-serve-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const runner = `
import { serveCommand } from ${JSON.stringify(join(repoRoot, 'src/main/cli/commands/serve.ts'))};
const [db, staticDir] = process.argv.slice(-2);
const code = await serveCommand.run({
  options: { db, static: staticDir }, args: [], json: true,
  stdout: (text) => process.stdout.write(text + '\\n'), stderr: (text) => process.stderr.write(text + '\\n'),
});
process.exit(code);
`;

describe('offset serve', () => {
  it('serves the API on loopback with the printed token and stops cleanly on SIGTERM', async () => {
    const staticDir = join(workDir, 'renderer');
    rmSync(staticDir, { recursive: true, force: true });
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Offset</title>');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', runner, join(workDir, 'serve.sqlite'), staticDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const firstLine = await new Promise<string>((resolveLine, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolveLine(out.split('\n')[0]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${stderr}`)));
    });
    const { url, host, port } = JSON.parse(firstLine) as { url: string; host: string; port: number };
    expect(host).toBe('127.0.0.1');
    const token = new URL(url).searchParams.get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(43);

    const call = (method: string, headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await call('listPortfolios', {})).status).toBe(401);
    const ok = await call('listPortfolios', { 'x-offset-token': token });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, value: [] });
    const info = await (await call('getAppInfo', { 'x-offset-token': token })).json();
    const packageVersion = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
    expect(info.value).toEqual({ version: packageVersion, transport: 'http', databasePath: join(workDir, 'serve.sqlite') });

    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
