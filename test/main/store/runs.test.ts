/** Run history: saved runs round-trip, lists carry inputs/params and the result fields asked for, newest first. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRun, listRuns, openDatabase, saveRun, type Db } from '../../../src/main/store';

describe('runs store', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'offset-runs-'));
    db = openDatabase(join(dir, 'offset.sqlite'));
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const series = { dates: ['2024-01-01', '2024-01-02'], margin: [100, 120.5], loss: [-3, 130], breach: [0, 1] };

  it('saves and reads back a run with JSON results, a blob and timings', () => {
    const blob = new Float64Array([1.5, -2]);
    const id = saveRun(db, { kind: 'backtest', portfolio: 'desk', inputs: { book: 'desk' }, params: { model: { kind: 'preset', name: 'span-16' } }, results: { breaches: 1, coverageRatio: Infinity, series }, resultsBlob: new Uint8Array(blob.buffer), startedAt: 1000, finishedAt: 2000, timings: { backtest: 900 } });
    const run = getRun(db, id)!;
    expect(run).toMatchObject({ id, kind: 'backtest', portfolio: 'desk', inputs: { book: 'desk' }, startedAt: 1000, finishedAt: 2000, timings: { backtest: 900 } });
    // JSON has no Infinity: it comes back as null.
    expect(run.results).toEqual({ breaches: 1, coverageRatio: null, series });
    expect(Array.from(new Float64Array(run.resultsBlob!.slice().buffer))).toEqual([1.5, -2]);
    expect(getRun(db, id + 1000)).toBeUndefined();
  });

  it('lists newest first with inputs, params and the requested result fields (missing paths are undefined)', () => {
    const a = saveRun(db, { kind: 'backtest', inputs: { book: 'A' }, params: { p: 1 }, results: { breaches: 3, trafficLight: { zone: 'yellow' } }, startedAt: 5000 });
    const b = saveRun(db, { kind: 'backtest', inputs: { book: 'B' }, params: { p: 2 }, startedAt: 6000 });
    const c = saveRun(db, { kind: 'calibration', inputs: { books: ['A'] }, params: {}, results: { best: { value: 0.97 } }, startedAt: 7000 });
    const runs = listRuns(db, { kind: 'backtest', fields: { breaches: '$.breaches', zone: '$.trafficLight.zone' } });
    expect(runs.map((r) => r.id).slice(0, 2)).toEqual([b, a]);
    expect(runs[1]).toMatchObject({ inputs: { book: 'A' }, params: { p: 1 }, fields: { breaches: 3, zone: 'yellow' } });
    expect(runs[0].fields).toEqual({ breaches: undefined, zone: undefined });
    expect(listRuns(db, { kind: 'calibration', fields: { best: '$.best.value' } })[0]).toMatchObject({ id: c, fields: { best: 0.97 } });
    expect(listRuns(db, { limit: 1 }).map((r) => r.id)).toEqual([c]);
    expect(listRuns(db, { portfolio: 'desk' }).map((r) => r.portfolio)).toEqual(['desk']);
  });

  it('rejects a field path that is not a plain JSON path', () => {
    expect(() => listRuns(db, { fields: { x: "$.a') --" } })).toThrow(/field 'x' has a bad JSON path/);
  });
});
