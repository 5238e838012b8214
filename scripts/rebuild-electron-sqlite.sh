#!/usr/bin/env bash
# Builds better-sqlite3 for Electron's ABI into resources/better_sqlite3.electron.node (loaded by the store only
# inside Electron), then restores the Node build that the CLI, workers and tests use. Needs internet for Electron's
# headers, so it runs on a desktop, not on the offline build machines (docs/store.md).
set -euo pipefail
cd "$(dirname "$0")/.."
npx --yes @electron/rebuild -f -w better-sqlite3 --module-dir .
cp node_modules/better-sqlite3/build/Release/better_sqlite3.node resources/better_sqlite3.electron.node
npm rebuild better-sqlite3
