import { homedir } from 'node:os';
import { join } from 'node:path';

export const DB_FILE_NAME = 'offset.sqlite';

/** The per-user application data directory Electron's app.getPath('userData') would give for an app named Offset. */
export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Offset');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Offset');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Offset');
}

/** Database path: explicit `--db PATH`, else env OFFSET_DB, else offset.sqlite in the user data directory. */
export function resolveDbPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.OFFSET_DB ?? join(userDataDir(process.platform, env), DB_FILE_NAME);
}
