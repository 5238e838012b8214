import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Book } from '../../src/engine/market';
import { startServiceRuntime, type ServiceRuntime } from '../../src/main/services/runtime';
import { openDatabase, replacePortfolio, type Db } from '../../src/main/store';
import type { AppInfo } from '../../src/shared/api';

/** A service runtime over a fresh temporary store holding `books`; dispose() stops the workers and deletes it. */
export function testServiceRuntime(books: Book[], info: Partial<AppInfo> = {}): ServiceRuntime & { db: Db; dispose(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'offset-services-'));
  const db = openDatabase(join(dir, 'offset.sqlite'));
  for (const book of books) replacePortfolio(db, book);
  const runtime = startServiceRuntime({ db, info: { version: 'test', transport: 'http', databasePath: db.name, ...info }, pool: { size: 1 } });
  return {
    ...runtime,
    db,
    async dispose() {
      await runtime.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
