/**
 * Electron main process (thin): opens the store and the engine worker pool (Electron utility processes running
 * out/main/worker.js, spawned on first job), registers the IPC API and shows one locked-down window.
 * Security: contextIsolation, sandbox, no nodeIntegration, webSecurity; CSP on every response; navigation,
 * window.open, webviews and permission requests denied; IPC only from the app's own page (see ./ipc.ts).
 * Database: --db=PATH, else OFFSET_DB, else offset.sqlite in the user-data directory. The store picks the
 * Electron-ABI better-sqlite3 build itself (OFFSET_SQLITE_ELECTRON_BINDING, see docs/store.md).
 */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../shared/csp';
import { forwardProgress, registerApiHandlers } from './ipc';
import { startServiceRuntime } from './services/runtime';
import { openDatabase, resolveDbPath } from './store';

const rendererIndex = join(import.meta.dirname, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const isAppUrl = (url: string | undefined) => url === rendererUrl || (url?.startsWith(`${rendererUrl}#`) ?? false);

function databasePath(): string {
  const flag = process.argv.find((a) => a.startsWith('--db='));
  return resolveDbPath(flag?.slice('--db='.length));
}

function lockDownSession(): void {
  const csp = contentSecurityPolicy({ delivery: 'header' });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession();
  const dbPath = databasePath();
  const db = openDatabase(dbPath);
  const { services, progress, close } = startServiceRuntime({ db, info: { version: app.getVersion(), transport: 'ipc', databasePath: dbPath } });
  registerApiHandlers(ipcMain, services, isAppUrl);

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Offset',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    },
  });
  forwardProgress(progress, window.webContents);
  window.once('ready-to-show', () => window.show());
  await window.loadFile(rendererIndex);

  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void close().finally(() => {
      db.close();
      app.quit();
    });
  });
}

start().catch((error: unknown) => {
  console.error('Offset failed to start:', error);
  app.exit(1);
});
