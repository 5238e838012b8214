import { existsSync } from 'node:fs';

/** Debian's chromium, driven by playwright-core (no browser download here). */
export const CHROMIUM_PATH = process.env.OFFSET_CHROMIUM ?? '/usr/bin/chromium';

/** Under CI=true a missing browser is an error with a clear message; elsewhere the e2e tests skip and say why. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set OFFSET_CHROMIUM)`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`skipping browser end-to-end tests: ${message}`);
  return false;
}
