import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real market data lives outside the repository (../shared/data beside the clone) and is never copied in.
 * Under CI (CI=true) a missing directory is an error with a clear message; elsewhere tests skip and say why.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDataDir = process.env.OFFSET_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');

export function sharedDataAvailable(): boolean {
  if (existsSync(sharedDataDir)) return true;
  const message = `shared market data not found at ${sharedDataDir} (set OFFSET_SHARED_DATA or place shared/ beside the clone)`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`skipping: ${message}`);
  return false;
}

export function sharedFile(name: string): string {
  return resolve(sharedDataDir, name);
}
