import type { StressOutcome } from '../../engine/stress/report';
import type { ReportTable } from './reportModel';

/** Stress results sheet: per scenario the book P&L, equity after it, the maintenance margin it must cover, the verdict and the worst position. */
export function stressResultsTable(outcomes: StressOutcome[]): ReportTable {
  return {
    columns: [
      { key: 'scenario', header: 'Scenario', format: 'text' },
      { key: 'pnl', header: 'P&L (USD)', format: 'usd' },
      { key: 'equityAfter', header: 'Equity after (USD)', format: 'usd' },
      { key: 'maintenanceMargin', header: 'Maintenance margin (USD)', format: 'usd' },
      { key: 'result', header: 'Result', format: 'text' },
      { key: 'worstPosition', header: 'Worst position', format: 'text' },
      { key: 'worstPnl', header: 'Worst position P&L (USD)', format: 'usd' },
    ],
    rows: outcomes.map((o) => ({
      scenario: o.scenario,
      pnl: o.pnl,
      equityAfter: o.equityAfter,
      maintenanceMargin: o.maintenanceMargin,
      result: o.survives ? 'survives' : 'fails',
      worstPosition: o.topContributors[0]?.instrument ?? null,
      worstPnl: o.topContributors[0]?.pnl ?? null,
    })),
  };
}
