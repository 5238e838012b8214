/** The left navigation: every view of the workstation, in order (components in ./index.ts). */
export const VIEWS = [
  { id: 'book', label: 'Book', blurb: 'Positions, greeks, margin attribution and what-if.' },
  { id: 'margin', label: 'Margin', blurb: 'Margin by model, breakdown, comparison and configuration.' },
  { id: 'scenarios', label: 'Scenarios', blurb: 'Price and vol scenario grids revalued in full.' },
  { id: 'correlations', label: 'Correlations', blurb: 'Return correlations and their stability.' },
  { id: 'stress', label: 'Stress', blurb: 'Stress scenario sets: edit, save, run.' },
  { id: 'backtest', label: 'Backtest', blurb: 'Margin coverage backtests over history.' },
  { id: 'calibration', label: 'Calibration', blurb: 'Coverage versus margin frontier.' },
  { id: 'data', label: 'Data', blurb: 'Imports, series coverage and option smiles.' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
