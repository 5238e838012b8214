/**
 * Data services over a real store and worker pool: imports from text (progress, kind detection, all-or-nothing
 * with line-numbered errors), coverage gaps against hand-made series, and the report export checked against hand
 * values (a linear perpetual's stress P&L) and against `offset export` writing the same workbook.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { black76Price } from '../../../src/engine/pricing/black';
import { computeSpecMargin } from '../../../src/main/analysis/marginModels';
import { saveRun, saveScenarioSet } from '../../../src/main/store';
import type { ProgressEvent } from '../../../src/shared/api';
import { book, market, pos } from '../../engine/margin/fixtures';
import { testServiceRuntime } from '../../support/serviceRuntime';
import { sharedDataAvailable, sharedFile } from '../../support/sharedData';

const desk = { ...book([pos('BTC-29MAR24-45000-C', -3), pos('BTC-PERPETUAL', 4000), pos('ETH-29MAR24-2500-P', -20)], { BTC: 2, USDC: 50_000 }), name: 'desk' };
/** One long linear perpetual of 1 BTC and USDC collateral: a stress P&L anyone can compute by hand. */
const linear = { ...book([pos('BTC_USDC-PERPETUAL', 1)], { USDC: 100_000 }), name: 'linear' };

let rt: ReturnType<typeof testServiceRuntime>;
let n = 0;
const jobId = () => `data-test-${String(++n).padStart(4, '0')}`;

beforeAll(() => {
  rt = testServiceRuntime([]);
});
afterAll(async () => rt?.dispose());

async function workbookOf(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

function summaryValue(sheet: ExcelJS.Worksheet, label: string): unknown {
  let found: unknown;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) found = row.getCell(2).value;
  });
  return found;
}

describe('importData', () => {
  it('imports a daily price file from text, detecting the kind from the header, with progress ending at 1', async () => {
    const events: ProgressEvent[] = [];
    const unsubscribe = rt.progress.subscribe((e) => events.push(e));
    const id = jobId();
    // 2024-01-01, 02, 03, then 06: 2 calendar days missing.
    const text = 'date,open,high,low,close,volume\n2024-01-01,100,110,90,105,1\n2024-01-02,105,111,100,106,1\n2024-01-03,106,107,101,102,1\n2024-01-06,102,104,99,103,1\n';
    const summary = await rt.services.importData({ jobId: id, fileName: 'zzz_usdt_test_1d.csv', text, kind: 'auto' });
    unsubscribe();
    expect(summary).toMatchObject({ kind: 'prices', file: 'zzz_usdt_test_1d.csv', rows: 4, series: ['ZZZ 1d'] });
    const mine = events.filter((e) => e.jobId === id);
    expect(mine.at(-1)).toMatchObject({ status: 'done', fraction: 1 });
    const coverage = await rt.services.getDataCoverage({});
    expect(coverage.series.find((s) => s.key === 'ZZZ 1d')).toMatchObject({ rows: 4, gaps: 2, first: '2024-01-01T00:00:00.000Z', last: '2024-01-06T00:00:00.000Z', sources: ['zzz_usdt_test_1d'] });
    expect(coverage.gaps.filter((g) => g.key === 'ZZZ 1d')).toEqual([{ key: 'ZZZ 1d', after: Date.UTC(2024, 0, 3), before: Date.UTC(2024, 0, 6), missing: 2 }]);
  });

  it('rejects a bad row with file, line and field, and imports nothing of that file', async () => {
    const text = 'date,open,high,low,close,volume\n2024-02-01,100,110,90,105,1\n2024-02-02,105,99,100,106,1\n';
    await expect(rt.services.importData({ jobId: jobId(), fileName: 'yyy_usdt_test_1d.csv', text, kind: 'auto' })).rejects.toThrow(
      /^yyy_usdt_test_1d\.csv, line 3, field high: is below low 100 \(value '99'\)\. Nothing was imported\.$/,
    );
    const coverage = await rt.services.getDataCoverage({});
    expect(coverage.series.some((s) => s.key.startsWith('YYY'))).toBe(false);
  });

  it('cancels an import mid-file: the call ends cancelled and nothing of the file is stored', async () => {
    const id = jobId();
    const day = (i: number) => new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const text = `date,open,high,low,close,volume\n${Array.from({ length: 30_000 }, (_, i) => `${day(i)},1,2,0.5,1.5,1`).join('\n')}\n`;
    const unsubscribe = rt.progress.subscribe((e) => {
      if (e.jobId === id && e.status === 'running' && e.fraction > 0) void rt.services.cancelJob({ jobId: id });
    });
    try {
      await expect(rt.services.importData({ jobId: id, fileName: 'qqq_usdt_test_1d.csv', text, kind: 'auto' })).rejects.toMatchObject({ code: 'cancelled' });
    } finally {
      unsubscribe();
    }
    expect((await rt.services.getDataCoverage({})).series.some((s) => s.key === 'QQQ 1d')).toBe(false);
  });

  it('imports positions and a vol series by explicit kind; an undetectable header asks for the kind', async () => {
    const positions = await rt.services.importData({ jobId: jobId(), fileName: 'book.csv', text: 'portfolio,instrument,quantity\nfromcsv,BTC-PERPETUAL,1000\n', kind: 'positions' });
    expect(positions).toMatchObject({ kind: 'positions', rows: 1, series: ['fromcsv'] });
    expect((await rt.services.listPortfolios({})).map((p) => p.name)).toContain('fromcsv');
    const vols = await rt.services.importData({ jobId: jobId(), fileName: 'iv.csv', text: 'date,dvol\n2024-01-01,55.5\n2024-01-02,56\n2024-01-04,57\n', kind: 'vols', asset: 'zzz' });
    expect(vols).toMatchObject({ kind: 'vols', rows: 3, series: ['ZZZ DVOL'] });
    expect((await rt.services.getDataCoverage({})).gaps.filter((g) => g.key === 'ZZZ DVOL')).toEqual([{ key: 'ZZZ DVOL', after: Date.UTC(2024, 0, 2), before: Date.UTC(2024, 0, 4), missing: 1 }]);
    await expect(rt.services.importData({ jobId: jobId(), fileName: 'mystery.csv', text: 'a,b\n1,2\n', kind: 'auto' })).rejects.toThrow(/cannot tell what mystery\.csv holds.*choose the kind/);
  });
});

describe.skipIf(!sharedDataAvailable())('getChainSmile over the shared ETH chain', () => {
  it('gives per expiry the OTM mark IV of each strike against ln(K/F); the IV reprices the file\'s mark (Black-76)', async () => {
    const file = sharedFile('deribit_eth_options_snapshot_2024-01-08.csv');
    await rt.services.importData({ jobId: jobId(), fileName: 'deribit_eth_options_snapshot_2024-01-08.csv', text: readFileSync(file, 'utf8'), kind: 'auto' });
    const smile = await rt.services.getChainSmile({});
    expect(smile.underlyings).toEqual(['ETH']);
    expect(new Date(smile.snapshotTs!).toISOString().slice(0, 10)).toBe('2024-01-08');
    // Independent read of the file: expiry 29MAR24, underlying price and the 2000 put / 3000 call marks.
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    const mar = rows.filter((r) => r.instrument_name.startsWith('ETH-29MAR24-'));
    const expiry = smile.expiries.find((e) => new Date(e.expiry).toISOString().startsWith('2024-03-29'))!;
    expect(expiry).toBeDefined();
    const prices = mar.map((r) => Number(r.underlying_price)).sort((a, b) => a - b);
    expect(expiry.forward).toBeCloseTo(prices[prices.length >> 1], 6);
    const p2000 = expiry.points.find((p) => p.strike === 2000)!;
    const c3000 = expiry.points.find((p) => p.strike === 3000)!;
    expect(p2000.right).toBe('put');
    expect(c3000.right).toBe('call');
    expect(p2000.logMoneyness).toBeCloseTo(Math.log(2000 / expiry.forward), 12);
    // The put's IV reprices its row's mark (coin premium x forward) at its own quote time and forward.
    const row = mar.find((r) => r.instrument_name === 'ETH-29MAR24-2000-P')!;
    const f = Number(row.underlying_price);
    const t = (Date.parse(row.expiry_utc) - Date.parse(row.creation_timestamp_utc)) / (365 * 86_400_000);
    expect(black76Price('put', f, 2000, t, 0, p2000.iv)).toBeCloseTo(Number(row.mark_price) * f, 4);
    // Smile shape: strikes ascending, IVs in a plausible band for ETH in Jan 2024.
    expect(expiry.points.map((p) => p.strike)).toEqual([...expiry.points.map((p) => p.strike)].sort((a, b) => a - b));
    for (const p of expiry.points) expect(p.iv).toBeGreaterThan(0.2);
    for (const p of expiry.points) expect(p.iv).toBeLessThan(2.5);
  });
});

describe('exportReport', () => {
  beforeAll(async () => {
    const { replacePortfolio } = await import('../../../src/main/store');
    replacePortfolio(rt.db, desk, market());
    replacePortfolio(rt.db, linear, market());
    saveScenarioSet(rt.db, { name: 'crash', volShiftMode: 'absolute', scenarios: [{ name: 'BTC -30%', shocks: { BTC: { spotMultiplier: 0.7, volShift: 0 } } }, { name: 'BTC +10%', shocks: { BTC: { spotMultiplier: 1.1, volShift: 0.05 } } }] });
    saveRun(rt.db, {
      kind: 'backtest', portfolio: 'linear', inputs: { book: 'linear' }, params: { model: 'var' }, startedAt: Date.UTC(2024, 0, 5), finishedAt: Date.UTC(2024, 0, 5),
      results: {
        confidence: 0.99, observations: 3, breaches: 1, breachRate: 1 / 3, averageMargin: 100, coverageRatio: 2, worstShortfall: 10,
        kupiec: { lr: 5.5, pValue: 0.019 }, christoffersen: { independence: { lr: 0.1, pValue: 0.75 }, conditionalCoverage: { lr: 5.6, pValue: 0.06 } },
        trafficLight: { zone: 'red', yellowFrom: 1, redFrom: 1 },
        series: { dates: ['2024-01-01', '2024-01-02', '2024-01-03'], margin: [100, 100, 110], loss: [20, 110, -5], breach: [0, 1, 0] },
      },
    });
  });

  it('stress results of the stored set: a 1 BTC linear perpetual loses 30% of 40,000 USD in the -30% scenario', async () => {
    const exported = await rt.services.exportReport({ jobId: jobId(), portfolio: 'linear', model: { kind: 'grid', preset: 'deribit-pm-like' } });
    expect(exported.fileName).toMatch(/^offset-linear-grid-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(exported.sheets).toEqual(['Summary', 'Positions', 'Scenario grid', 'Stress results', 'Backtest statistics', 'Daily series']);
    const wb = await workbookOf(exported.base64);
    const stress = wb.getWorksheet('Stress results')!;
    expect(stress.getCell('A2').value).toBe('crash: BTC -30%');
    expect(stress.getCell('B2').value).toBeCloseTo(-12_000, 6);
    expect(stress.getCell('B3').value).toBeCloseTo(4_000, 6);
    expect(stress.getCell('B2').numFmt).toContain('$');
    // Equity = 100,000 USDC collateral (+ the perpetual's value at its mark, 0 without an entry price).
    expect(stress.getCell('C2').value).toBeCloseTo(Number(summaryValue(wb.getWorksheet('Summary')!, 'Equity (USD)')) - 12_000, 6);
    expect(stress.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const daily = wb.getWorksheet('Daily series')!;
    expect((daily.getCell('A3').value as Date).toISOString()).toBe('2024-01-02T00:00:00.000Z');
    expect(daily.getCell('D3').value).toBe(true);
  });

  it('summary totals equal the model run directly on the stored book; unknown portfolios are not_found', async () => {
    const spec = { kind: 'standard', preset: 'standard-deribit' } as const;
    const exported = await rt.services.exportReport({ jobId: jobId(), portfolio: 'desk', model: spec });
    const direct = computeSpecMargin(rt.db, desk, market(), spec);
    const summary = (await workbookOf(exported.base64)).getWorksheet('Summary')!;
    expect(summaryValue(summary, 'Book')).toBe('desk');
    expect(summaryValue(summary, 'Initial margin (USD)')).toBeCloseTo(direct.initialMargin, 6);
    expect(summaryValue(summary, 'Maintenance margin (USD)')).toBeCloseTo(direct.maintenanceMargin, 6);
    expect(summaryValue(summary, 'preset')).toBe('standard-deribit');
    await expect(rt.services.exportReport({ jobId: jobId(), portfolio: 'nope', model: spec })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('writes the same workbook as `offset export` on the same database (CLI and UI share the builder)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offset-data-cli-'));
    try {
      const file = join(dir, 'cli.xlsx');
      execFileSync(process.execPath, ['bin/offset.js', 'export', 'desk', '--model', 'grid', '--xlsx', file, '--db', rt.db.name], { encoding: 'utf8', timeout: 60_000 });
      const cli = new ExcelJS.Workbook();
      await cli.xlsx.readFile(file);
      const ui = await workbookOf((await rt.services.exportReport({ jobId: jobId(), portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' } })).base64);
      expect(ui.worksheets.map((s) => s.name)).toEqual(cli.worksheets.map((s) => s.name));
      const cells = (wb: ExcelJS.Workbook) =>
        wb.worksheets.flatMap((s) => {
          const out: string[] = [];
          s.eachRow((r, i) => r.eachCell((c, j) => void (s.name === 'Summary' && r.getCell(1).value === 'Generated at' ? undefined : out.push(`${s.name}!${i},${j}=${String(c.value instanceof Date ? c.value.toISOString() : c.value)}|${c.numFmt ?? ''}`))));
          return out;
        });
      expect(cells(ui)).toEqual(cells(cli));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

