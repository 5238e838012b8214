import { describe, expect, it } from 'vitest';
import { tableCsv } from '../../../src/main/export/csv';
import { scenarioGridTable } from '../../../src/main/export/marginReport';
import type { ScenarioOutcome } from '../../../src/engine/margin/types';

describe('tableCsv (RFC 4180)', () => {
  it('quotes fields with comma, quote, CR or LF, doubles inner quotes, CRLF line ends, ISO dates, empty nulls', () => {
    const csv = tableCsv({
      columns: [
        { key: 'a', header: 'Name, full', format: 'text' },
        { key: 'b', header: 'Value', format: 'usd' },
        { key: 'c', header: 'Day', format: 'date' },
      ],
      rows: [
        { a: 'say "hi"', b: 1234.5, c: Date.UTC(2024, 2, 29) },
        { a: 'two\nlines', b: null, c: null },
        { a: 'plain', b: -0.125, c: Date.UTC(2024, 0, 1) },
      ],
    });
    expect(csv).toBe('"Name, full",Value,Day\r\n"say ""hi""",1234.5,2024-03-29\r\n"two\nlines",,\r\nplain,-0.125,2024-01-01\r\n');
  });
});

describe('scenarioGridTable', () => {
  const outcome = (spotMove: number, volShift: number, pnl: number, weight = 1): ScenarioOutcome => ({ group: 'BTC', table: 'main', label: '', spotMove, volShift, weight, pnl, countedLoss: 0 });
  it('lays P&L out as price move rows x vol shift columns, extreme (weighted) moves on their own rows, gaps empty', () => {
    const t = scenarioGridTable([outcome(0.1, 0.05, -10), outcome(-0.1, -0.05, 7), outcome(0.1, -0.05, 3), outcome(-0.1, 0.05, -2), outcome(0.3, 0, -50, 0.35)]);
    expect(t.columns.map((c) => c.header)).toEqual(['Underlying', 'Table', 'Price move', 'Loss weight', 'P&L, vol shift -0.05 (USD)', 'P&L, vol shift 0 (USD)', 'P&L, vol shift +0.05 (USD)']);
    expect(t.rows.map((r) => [r.spotMove, r.weight, r['vol -0.05'], r['vol 0'], r['vol 0.05']])).toEqual([
      [0.3, 0.35, null, -50, null],
      [-0.1, 1, 7, null, -2],
      [0.1, 1, 3, null, -10],
    ]);
  });
});

describe('stressResultsTable', () => {
  it('equity after = equity + P&L against maintenance margin: survive/fail and the worst position', async () => {
    const { stressResultsTable } = await import('../../../src/main/export/stressReport');
    const { stressOutcomes } = await import('../../../src/engine/stress/report');
    // Hand case: equity 1000, MM 600; scenario P&L -300 (survives: 700 >= 600) and -500 (fails: 500 < 600).
    const outcomes = stressOutcomes(['mild', 'crash'], { pnl: new Float64Array([-300, -500]), instruments: ['A', 'B'], perInstrument: new Float64Array([-100, -450, -200, -50]) } as never, 1000, 600);
    const t = stressResultsTable(outcomes);
    expect(t.rows.map((r) => [r.scenario, r.equityAfter, r.result, r.worstPosition, r.worstPnl])).toEqual([
      ['mild', 700, 'survives', 'B', -200],
      ['crash', 500, 'fails', 'A', -450],
    ]);
  });
});
