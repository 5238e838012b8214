import type { CloseHistory } from '../../backtest/history';
import type { Book, MarketState } from '../../market';
import { normalQuantile } from '../../stats/normal';
import { cornishFisherQuantile, deltaGammaMoments, deltaNormalRisk, type Moments } from '../../stats/parametric';
import { instrumentTerms, marketContext, positionRisk } from '../../valuation';
import { now, type MarginConfig } from '../types';
import { movingCollateral, riskUnderlyings } from './collateralMoves';
import { mporCovariance } from './factorCovariance';
import { volConventions } from './riskFactors';
import type { AttributedRow, VarOutcome } from './result';
import type { VarSpec } from './spec';

/**
 * Parametric VaR/ES on the factor covariance (factorCovariance.ts). Each row (instrument, or moving collateral coin)
 * is an exposure to the factors x (MPOR log returns of spot and implied vol):
 *   P&L ~ theta h + d'x + x'Gx/2,  d_spot = S dV/dS (cash delta), G_spot = S^2 d2V/dS2 + S dV/dS (second derivative in
 *   the log return), d_vol = vega x vol; vol of an underlying without a vol series follows the spot-vol beta, adding
 *   beta x vega x vol to its spot delta. Vol convexity and cross gammas are left out.
 * - 'parametric' (delta-normal): P&L ~ N(theta h, d'Cd): VaR = -mu + sd z_a, ES = -mu + sd phi(z_a) / (1 - a).
 * - 'delta-gamma': moments of d'x + x'Gx/2 (Mina-Ulmer), VaR by Cornish-Fisher, ES = the mean of the Cornish-Fisher
 *   VaR over confidence levels in (a, 1) (midpoint rule, ES_a = 1/(1 - a) int_a^1 VaR_p dp).
 * Both measures are positively homogeneous of degree 1 in the exposures, so the Euler components
 * c_r = d/de measure(E + e x_r) at e = 0 (central difference) sum to the measure.
 */
interface Exposure {
  delta: Float64Array;
  gamma: Float64Array;
  theta: number;
}

const CF_ES_NODES = 2000;
const EULER_STEP = 1e-5;

function cornishFisherEs(m: Moments, alpha: number): number {
  const sd = Math.sqrt(m.variance);
  let sum = 0;
  for (let i = 0; i < CF_ES_NODES; i++) {
    const p = alpha + ((i + 0.5) * (1 - alpha)) / CF_ES_NODES;
    sum -= m.mean + sd * cornishFisherQuantile(normalQuantile(1 - p), m.skewness, m.excessKurtosis);
  }
  return sum / CF_ES_NODES;
}

export function parametricOutcome(spec: VarSpec, book: Book, market: MarketState, config: MarginConfig, history: CloseHistory): VarOutcome {
  const t0 = now();
  const collateral = movingCollateral(book, market, config);
  const underlyings = riskUnderlyings(book, collateral);
  const fc = underlyings.length > 0 ? mporCovariance(history, underlyings, spec) : undefined;
  const F = fc?.names.length ?? 0;
  const h = spec.mporDays;
  const rowsOf = new Map<string, { group: string; exposure: Exposure }>();
  const exposureOf = (symbol: string, group: string) => {
    let row = rowsOf.get(symbol);
    if (!row) rowsOf.set(symbol, (row = { group, exposure: { delta: new Float64Array(F), gamma: new Float64Array(F * F), theta: 0 } }));
    return row.exposure;
  };
  const ctx = marketContext(market);
  for (const p of book.positions) {
    const u = underlyings.indexOf(p.instrument.underlying);
    const risk = positionRisk(p, instrumentTerms(p.instrument, ctx));
    const s = market.underlyings[p.instrument.underlying].spot;
    const e = exposureOf(p.instrument.symbol, p.instrument.underlying);
    const vegaPerLogVol = risk.vegaPerVol * (risk.vol ?? 0);
    const vf = fc!.volFactor[u];
    e.delta[u] += risk.cashDelta + (vf < 0 ? spec.spotVolBeta * vegaPerLogVol : 0);
    if (vf >= 0) e.delta[vf] += vegaPerLogVol;
    e.gamma[u * F + u] += risk.gamma * s * s + risk.cashDelta;
    e.theta += risk.thetaPerDay * h;
  }
  for (const c of collateral) {
    const u = underlyings.indexOf(c.asset);
    const e = exposureOf(`collateral ${c.asset}`, c.asset);
    e.delta[u] += c.value;
    e.gamma[u * F + u] += c.value;
  }
  const rows = [...rowsOf];
  const total: Exposure = { delta: new Float64Array(F), gamma: new Float64Array(F * F), theta: 0 };
  const combine = (into: Exposure, from: Exposure, weight: number) => {
    for (let f = 0; f < F; f++) into.delta[f] += weight * from.delta[f];
    for (let k = 0; k < F * F; k++) into.gamma[k] += weight * from.gamma[k];
    into.theta += weight * from.theta;
  };
  for (const [, row] of rows) combine(total, row.exposure, 1);

  const alpha = spec.confidence;
  const measureOf = (e: Exposure): number => {
    if (F === 0) return -e.theta;
    if (spec.method === 'parametric') {
      let variance = 0;
      for (let i = 0; i < F; i++) for (let j = 0; j < F; j++) variance += e.delta[i] * fc!.cov[i * F + j] * e.delta[j];
      const r = deltaNormalRisk(Math.sqrt(Math.max(0, variance)), alpha, e.theta);
      return spec.measure === 'es' ? r.es : r.var;
    }
    const m = deltaGammaMoments(e.delta, e.gamma, fc!.cov);
    const shifted = { ...m, mean: m.mean + e.theta };
    if (spec.measure === 'es') return cornishFisherEs(shifted, alpha);
    return -(shifted.mean + Math.sqrt(shifted.variance) * cornishFisherQuantile(normalQuantile(1 - alpha), m.skewness, m.excessKurtosis));
  };
  const measure = measureOf(total);
  const floored = Math.max(0, measure);
  const scratch: Exposure = { delta: new Float64Array(F), gamma: new Float64Array(F * F), theta: 0 };
  const shifted = (row: Exposure, weight: number) => {
    scratch.delta.fill(0);
    scratch.gamma.fill(0);
    scratch.theta = 0;
    combine(scratch, total, 1);
    combine(scratch, row, weight);
    return measureOf(scratch);
  };
  const attribute = config.attribution !== false;
  const attributed: AttributedRow[] = rows.map(([symbol, { group, exposure }]) => ({
    symbol,
    group,
    component: (shifted(exposure, EULER_STEP) - shifted(exposure, -EULER_STEP)) / (2 * EULER_STEP),
    standalone: attribute ? Math.max(0, measureOf(exposure)) : Number.NaN,
    incremental: attribute ? floored - Math.max(0, shifted(exposure, -1)) : Number.NaN,
  }));
  return {
    measure,
    rows: attributed,
    scenarios: [],
    conventions: [
      spec.method === 'parametric'
        ? 'Delta-normal: P&L ~ N(theta x MPOR, d\'Cd) over spot and implied-vol log-return factors; VaR = -mu + sd z_a, ES = -mu + sd phi(z_a)/(1-a).'
        : 'Delta-gamma: moments of theta x MPOR + d\'x + x\'Gx/2 (Mina-Ulmer cumulants), VaR by Cornish-Fisher, ES = mean Cornish-Fisher VaR over (a, 1) (2000-node midpoint rule).',
      'Parametric methods use first-order vega and leave out vol convexity and cross gammas; components are Euler allocations by central differences.',
      ...(fc ? [fc.description, volConventions(fc.window, spec.spotVolBeta)] : []),
    ],
    timings: { parametric: now() - t0 },
  };
}
