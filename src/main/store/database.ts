import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Workers and report readers open read-only: no migrations, writes throw SQLITE_READONLY. */
  readonly?: boolean;
  /**
   * Path of a better-sqlite3 addon built for Electron's ABI (see docs/store.md). Defaults to
   * env OFFSET_SQLITE_ELECTRON_BINDING, then resources/better_sqlite3.electron.node (written by
   * `npm run rebuild:electron-sqlite`), when running inside Electron; under Node the package's own build is used.
   */
  nativeBinding?: string;
  /** Milliseconds a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/** Under Electron (process.versions.electron set) the Node-ABI addon cannot load; pick the Electron build if given. */
export function electronNativeBinding(explicit?: string): string | undefined {
  if (explicit) return explicit;
  if (!process.versions.electron) return undefined;
  if (process.env.OFFSET_SQLITE_ELECTRON_BINDING) return process.env.OFFSET_SQLITE_ELECTRON_BINDING;
  const built = join(process.cwd(), 'resources', 'better_sqlite3.electron.node');
  return existsSync(built) ? built : undefined;
}

/**
 * Opens (creating and migrating when writable) the Offset store: WAL journal, foreign keys enforced, busy timeout.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const readonly = options.readonly ?? false;
  if (readonly && !existsSync(path)) throw new Error(`database ${path} does not exist`);
  if (!readonly) mkdirSync(dirname(path), { recursive: true });
  const nativeBinding = electronNativeBinding(options.nativeBinding);
  const db = new Database(path, { readonly, fileMustExist: readonly, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma('foreign_keys = ON');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
