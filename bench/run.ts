/**
 * `npm run bench`: runs every section below and prints ONE JSON object to stdout
 * ({ node, platform, cpus, startedAt, sections: { <name>: <figures> } }). Progress goes to stderr.
 * To add a section, write a module exporting a BenchSection and append it to `sections`.
 */
import { availableParallelism, cpus } from 'node:os';
import { kernelBench } from './kernel';
import { marginBench } from './margin';
import { backtestBench } from './backtest';
import { gridMarginBench } from './gridMargin';
import { poolBenchSection } from './pool';

export interface BenchSection {
  name: string;
  /** Returns plain JSON-serialisable figures (units in the key names, e.g. `ms`, `perSecond`). */
  run(): Promise<Record<string, unknown>> | Record<string, unknown>;
}

const sections: BenchSection[] = [kernelBench, gridMarginBench, marginBench, poolBenchSection, backtestBench];

const result: Record<string, unknown> = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  cpus: availableParallelism(),
  cpuModel: cpus()[0]?.model ?? 'unknown',
  startedAt: new Date().toISOString(),
  sections: {} as Record<string, unknown>,
};
const only = process.argv.slice(2);
for (const section of sections) {
  if (only.length > 0 && !only.includes(section.name)) continue;
  process.stderr.write(`bench: ${section.name}...\n`);
  const started = performance.now();
  try {
    const figures = await section.run();
    (result.sections as Record<string, unknown>)[section.name] = { ...figures, sectionSeconds: (performance.now() - started) / 1000 };
  } catch (e) {
    (result.sections as Record<string, unknown>)[section.name] = { error: (e as Error).message };
  }
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
