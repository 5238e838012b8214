/**
 * `offset risk <portfolio-name-or-file.json> [--db FILE] [--json]`: value and greeks per position and totals per
 * underlying (src/engine/risk.ts; units in docs/engine/units.md).
 */
import type { CliCommand } from '../command';
import { riskReport, type RiskReport, type RiskTotals } from '../../../engine/risk';
import { loadBook, openStoreFromOptions, type Db } from '../../store';

function fmt(x: number | undefined, digits = 2): string {
  if (x === undefined) return '';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const GREEK_HEADER = ['value USD', 'value coin', 'delta', 'cash delta', 'gamma', 'cash gamma/1%', 'vega/pt', 'theta/day', 'rho'];
function greekCells(t: Pick<RiskTotals, 'valueUsd' | 'delta' | 'cashDelta' | 'gamma' | 'cashGamma' | 'vegaPerPoint' | 'thetaPerDay' | 'rho'>, valueCoin: number | undefined): string[] {
  return [fmt(t.valueUsd), fmt(valueCoin, 6), fmt(t.delta, 6), fmt(t.cashDelta), fmt(t.gamma, 8), fmt(t.cashGamma), fmt(t.vegaPerPoint), fmt(t.thetaPerDay), fmt(t.rho)];
}

export function formatRiskReport(name: string, report: RiskReport): string {
  const positions = table(
    ['instrument', 'quantity', 'mark', 'vol', ...GREEK_HEADER],
    report.positions.map((p) => [p.symbol, fmt(p.quantity, 4), fmt(p.mark, p.settlement === 'inverse' && p.vol !== undefined ? 6 : 2), p.vol === undefined ? '' : fmt(p.vol * 100, 1), ...greekCells(p, p.valueCoin)]),
  );
  const totals = table(
    ['underlying', ...GREEK_HEADER],
    Object.entries(report.byUnderlying).map(([u, t]) => [u, ...greekCells(t, t.valueCoin)]),
  );
  const buckets = table(
    ['underlying', 'expiry bucket', ...GREEK_HEADER],
    report.byExpiryBucket.map((b) => [b.underlying, b.bucket, ...greekCells(b.totals, b.totals.valueCoin)]),
  );
  const warnings = report.warnings.map((w) => `warning: ${w}`);
  return [
    `Risk of '${name}' at ${new Date(report.valuationTime).toISOString()} (units: docs/engine/units.md)`,
    '',
    positions,
    '',
    'Totals per underlying',
    totals,
    '',
    'Totals per expiry bucket',
    buckets,
    '',
    `Book USD: value ${fmt(report.bookUsd.valueUsd)}, cash delta ${fmt(report.bookUsd.cashDelta)}, vega/pt ${fmt(report.bookUsd.vegaPerPoint)}, theta/day ${fmt(report.bookUsd.thetaPerDay)}`,
    ...warnings,
  ].join('\n');
}

export const riskCommand: CliCommand = {
  name: ['risk'],
  summary: 'Value and greeks per position, totals per underlying and expiry bucket',
  usage: 'offset risk <portfolio-name-or-file.json> [--db FILE] [--json]',
  async run(ctx) {
    const target = ctx.args[0];
    if (!target) throw new Error(`missing portfolio: ${this.usage}`);
    const db: Db | undefined = target.toLowerCase().endsWith('.json') ? undefined : openStoreFromOptions(ctx.options, { readonly: true });
    try {
      const { book, market } = loadBook(db, target);
      const report = riskReport(book.positions, market);
      ctx.stdout(ctx.json ? JSON.stringify({ portfolio: book.name, ...report }, null, 2) : formatRiskReport(book.name, report));
      return 0;
    } finally {
      db?.close();
    }
  },
};
