import { openStoreFromOptions, type Db } from '../store';
import type { CliContext } from './command';

/** Runs `body` with the database named by --db / OFFSET_DB / the default, and always closes it. */
export async function withStore<T>(ctx: CliContext, body: (db: Db) => T | Promise<T>, open: { readonly?: boolean } = {}): Promise<T> {
  const db = openStoreFromOptions(ctx.options, open);
  try {
    return await body(db);
  } finally {
    db.close();
  }
}
