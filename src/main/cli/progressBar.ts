import type { ImportProgress } from '../importers';

/** A one-line progress bar on stderr, only when stderr is a terminal (never in pipes, logs or --json runs). */
export function terminalProgress(label: string, enabled: boolean): { update: (p: ImportProgress) => void; done: () => void } {
  const stream = process.stderr;
  if (!enabled || !stream.isTTY) return { update: () => undefined, done: () => undefined };
  const width = 30;
  let drawn = false;
  return {
    update({ bytesRead, totalBytes, rows }) {
      const fraction = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 1;
      const filled = Math.round(fraction * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${rows} rows`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
