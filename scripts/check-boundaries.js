// Enforces the layering rule from DEVELOPERS.md: domain code in src/engine imports nothing from Electron, React,
// SQLite or Node built-ins, so it runs unchanged in workers, the CLI, tests and (if ever needed) the renderer.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const forbidden = [/^electron$/, /^react/, /^better-sqlite3$/, /^node:/, /^(fs|path|os|child_process|worker_threads)$/];
const importPattern = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

let violations = 0;
for (const file of files('src/engine')) {
  for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
    const target = match[1] ?? match[2];
    if (forbidden.some((re) => re.test(target))) {
      console.error(`${file}: src/engine must not import '${target}'`);
      violations++;
    }
  }
}
if (violations > 0) process.exit(1);
console.log('boundaries: src/engine imports no Electron, React, SQLite or Node built-ins');
