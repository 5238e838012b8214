/** The left navigation: every view of the workstation, in order. Views not built yet show a placeholder. */
export const VIEWS = [
  { id: 'book', label: 'Book', ready: true, blurb: 'Portfolios, positions and collateral.' },
  { id: 'margin', label: 'Margin', ready: false, blurb: 'Portfolio margin by model, with contributions.' },
  { id: 'scenarios', label: 'Scenarios', ready: false, blurb: 'Price and vol scenario grids revalued in full.' },
  { id: 'correlations', label: 'Correlations', ready: false, blurb: 'Return correlations and their stability.' },
  { id: 'stress', label: 'Stress', ready: false, blurb: 'Historical, worst-day and reverse stress tests.' },
  { id: 'backtest', label: 'Backtest', ready: false, blurb: 'Margin coverage backtests over history.' },
  { id: 'calibration', label: 'Calibration', ready: false, blurb: 'Coverage versus margin frontier.' },
  { id: 'data', label: 'Data', ready: false, blurb: 'Imported prices, vols and books.' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];
