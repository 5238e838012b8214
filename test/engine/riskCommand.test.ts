import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { riskCommand } from '../../src/main/cli/commands/risk';
import type { CliContext } from '../../src/main/cli/command';

const portfolio = {
  format: 'offset.portfolio',
  version: 1,
  name: 'cli-risk-test',
  valuationTime: '2024-01-08T08:00:00Z',
  reportingCurrency: 'USD',
  market: { BTC: { spot: 40000, rate: 0, vol: 0.5 } },
  positions: [
    { symbol: 'BTC-PERPETUAL', quantity: -1000 },
    { symbol: 'BTC-26JAN24-40000-C', quantity: 2 },
  ],
};

function run(args: string[], json: boolean) {
  const out: string[] = [];
  const ctx: CliContext = { options: {}, args, json, stdout: (t) => out.push(t), stderr: (t) => out.push(t) };
  return riskCommand.run(ctx).then((code) => ({ code, text: out.join('\n') }));
}

describe('offset risk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'offset-risk-'));
  const file = join(dir, 'book.json');
  writeFileSync(file, JSON.stringify(portfolio));

  it('--json prints the report with per-position rows and per-underlying totals', async () => {
    const { code, text } = await run([file], true);
    expect(code).toBe(0);
    const report = JSON.parse(text);
    expect(report.portfolio).toBe('cli-risk-test');
    expect(report.positions.map((p: { symbol: string }) => p.symbol)).toEqual(['BTC-PERPETUAL', 'BTC-26JAN24-40000-C']);
    // perpetual: -10,000 USD face / 40,000 = -0.25 BTC; ATM call delta N(d1) with d1 = v sqrt(T) / 2 > 0
    expect(report.positions[0].delta).toBeCloseTo(-0.25, 12);
    expect(report.positions[1].delta / 2).toBeGreaterThan(0.5);
    expect(report.byUnderlying.BTC.delta).toBeCloseTo(report.positions[0].delta + report.positions[1].delta, 12);
  });

  it('prints a readable table', async () => {
    const { text } = await run([file], false);
    expect(text).toMatch(/BTC-26JAN24-40000-C/);
    expect(text).toMatch(/Totals per underlying/);
    expect(text).toMatch(/cash gamma\/1%/);
  });

  it('fails clearly on a missing file or argument', async () => {
    await expect(run([join(dir, 'none.json')], true)).rejects.toThrow(/none.json does not exist/);
    await expect(run([], true)).rejects.toThrow(/missing portfolio: offset risk/);
  });
});
