/**
 * The risk services over a real store and worker pool: greeks checked against Black-76 written out by hand and
 * put-call parity, component margins summing to the total, the incremental grid what-if equal to a full
 * recomputation of the edited book, the model comparison, presets, and bad input named by field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePreset } from '../../../src/engine/margin/presets/schema';
import { dispatchApiCall } from '../../../src/main/services/dispatch';
import { ensureAsset, replacePortfolio, type Db } from '../../../src/main/store';
import type { OffsetServices } from '../../../src/shared/api';
import { BTC, book, market, pos, T0 } from '../../engine/margin/fixtures';
import { historyFromReturns, randomReturns } from '../../engine/margin/var/history';
import { testServiceRuntime } from '../../support/serviceRuntime';

const VOL = 0.6;
const CALL = 'BTC-29MAR24-45000-C';
const PUT = 'BTC-29MAR24-45000-P';
const desk = { ...book([pos(CALL, -3), pos(PUT, 2), pos('BTC-PERPETUAL', 4_000), pos('ETH-29MAR24-2500-P', -20)], { BTC: 2, USDC: 50_000 }), name: 'desk' };
/** One long call alone, for the closed-form checks. */
const single = { ...book([pos(CALL, 1)]), name: 'single' };

let runtime: ReturnType<typeof testServiceRuntime>;
let services: OffsetServices;
let jobCounter = 0;
const jobId = () => `risk-test-${String(++jobCounter).padStart(4, '0')}`;

/** Daily closes of BTC and ETH ending the day before the valuation time, for the VaR/ES models. */
function seedHistory(db: Db): void {
  const history = historyFromReturns(['BTC', 'ETH'], [BTC, 2_500], randomReturns(400, [0.03, 0.04], 0.8));
  const insert = db.prepare("INSERT OR REPLACE INTO price_bars (asset, interval, ts, close, source) VALUES (?, '1d', ?, ?, 'test')");
  history.underlyings.forEach((name, u) => {
    ensureAsset(db, name);
    db.transaction(() => history.dates.forEach((d, t) => insert.run(name, Date.parse(`${d}T00:00:00Z`), history.closes[t * 2 + u])))();
  });
}

beforeAll(() => {
  runtime = testServiceRuntime([]);
  services = runtime.services;
  replacePortfolio(runtime.db, desk, market(VOL));
  replacePortfolio(runtime.db, single, market(VOL));
  seedHistory(runtime.db);
});
afterAll(async () => runtime?.dispose());

/** erf by its Taylor series (converges fast for |x| < 4; independent of the engine's normal CDF). */
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 120; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const N = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

describe('getBookRisk', () => {
  it('gives one long call the Black-76 value, delta, gamma, vega and theta (zero rate and carry: F = S)', async () => {
    const r = await services.getBookRisk({ portfolio: 'single', model: { kind: 'standard', preset: 'standard-deribit' }, jobId: jobId() });
    const row = r.positions[0];
    const expiry = Date.UTC(2024, 2, 29, 8);
    const t = (expiry - T0) / (365 * 86_400_000);
    const [S, K] = [BTC, 45_000];
    const d1 = (Math.log(S / K) + 0.5 * VOL * VOL * t) / (VOL * Math.sqrt(t));
    const d2 = d1 - VOL * Math.sqrt(t);
    const price = S * N(d1) - K * N(d2);
    expect(row.valueUsd).toBeCloseTo(price, 6);
    expect(row.mark).toBeCloseTo(price / S, 10); // inverse option quoted in coin
    expect(row.vol).toBe(VOL);
    expect(row.delta).toBeCloseTo(N(d1), 9);
    expect(row.cashDelta).toBeCloseTo(N(d1) * S, 5);
    expect(row.cashGamma).toBeCloseTo(((phi(d1) / (S * VOL * Math.sqrt(t))) * S * S) / 100, 5);
    expect(row.vegaPerPoint).toBeCloseTo((S * phi(d1) * Math.sqrt(t)) / 100, 6);
    expect(row.thetaPerDay).toBeCloseTo(-(S * phi(d1) * VOL) / (2 * Math.sqrt(t)) / 365, 6);
    // Standard margin of a long option is its premium (standard-deribit: longChargesMark).
    expect(r.initialMargin).toBeCloseTo(price, 6);
    expect(row.standalone).toBeCloseTo(price, 6);
  });

  it('satisfies put-call parity per unit and sums USD totals over the book', async () => {
    const r = await services.getBookRisk({ portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, jobId: jobId() });
    const call = r.positions.find((p) => p.symbol === CALL)!;
    const put = r.positions.find((p) => p.symbol === PUT)!;
    // C - P = F - K at zero rate; per unit: value / quantity.
    expect(call.valueUsd / -3 - put.valueUsd / 2).toBeCloseTo(BTC - 45_000, 6);
    expect(call.delta / -3 - put.delta / 2).toBeCloseTo(1, 9);
    expect(call.vegaPerPoint / -3).toBeCloseTo(put.vegaPerPoint / 2, 9);
    const sum = (f: (p: (typeof r.positions)[number]) => number) => r.positions.reduce((a, p) => a + f(p), 0);
    expect(r.totals.cashDelta).toBeCloseTo(sum((p) => p.cashDelta), 6);
    expect(r.totals.vegaPerPoint).toBeCloseTo(sum((p) => p.vegaPerPoint), 6);
    // A perpetual's cash delta is its USD face: 4,000 contracts x 10 USD.
    expect(r.positions.find((p) => p.symbol === 'BTC-PERPETUAL')!.cashDelta).toBeCloseTo(40_000, 6);
  });

  it('component margins of positions and collateral sum to the initial margin; standalone does not', async () => {
    const r = await services.getBookRisk({ portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, jobId: jobId() });
    const components = r.positions.reduce((a, p) => a + p.component!, 0) + r.collateral.reduce((a, c) => a + (c.component ?? 0), 0);
    expect(components).toBeCloseTo(r.initialMargin, 6);
    expect(r.collateral.find((c) => c.asset === 'BTC')!.component).not.toBeNull();
    const standalone = r.positions.reduce((a, p) => a + p.standalone!, 0);
    expect(standalone).toBeGreaterThan(r.initialMargin); // the hedges offset inside the portfolio
    expect(r.model).toBe('deribit-pm-like');
  });
});

describe('whatIfMargin', () => {
  it('grid: the incremental what-if equals the margin of the edited book stored and recomputed in full', async () => {
    const trades = [
      { symbol: CALL, quantity: 1 }, // quantity edit -3 -> -2
      { symbol: 'BTC-29MAR24-35000-P', quantity: -4 }, // a new trade
    ];
    const model = { kind: 'grid' as const, preset: 'deribit-pm-like' };
    const w = await services.whatIfMargin({ portfolio: 'desk', model, trades, jobId: jobId() });
    expect(w.method).toBe('incremental');
    const edited = { ...desk, name: 'desk-edited', positions: [pos(CALL, -2), pos(PUT, 2), pos('BTC-PERPETUAL', 4_000), pos('ETH-29MAR24-2500-P', -20), pos('BTC-29MAR24-35000-P', -4)] };
    replacePortfolio(runtime.db, edited, market(VOL));
    const before = await services.getMarginReport({ portfolio: 'desk', model, jobId: jobId() });
    const after = await services.getMarginReport({ portfolio: 'desk-edited', model, jobId: jobId() });
    expect(w.initialBefore).toBeCloseTo(before.initialMargin, 6);
    expect(w.initialAfter).toBeCloseTo(after.initialMargin, 6);
    expect(w.maintenanceAfter).toBeCloseTo(after.maintenanceMargin, 6);
    expect(w.initialChange).toBeCloseTo(after.initialMargin - before.initialMargin, 6);
  });

  it('standard: recomputes in full; selling one more call adds its hand-computed short-call margin', async () => {
    const w = await services.whatIfMargin({ portfolio: 'single', model: { kind: 'standard', preset: 'standard-deribit' }, trades: [{ symbol: CALL, quantity: -2 }], jobId: jobId() });
    expect(w.method).toBe('full');
    // The trade is priced too: two calls sold, at the Black-76 value of the single-call test.
    expect(w.trades).toHaveLength(1);
    // 1 long call -> 1 short call: long charge = mark (removed), short IM per coin = max(0.15 - OTM/S, 0.10) + mark/S.
    const r = await services.getBookRisk({ portfolio: 'single', model: { kind: 'standard', preset: 'standard-deribit' }, jobId: jobId() });
    const premium = r.positions[0].valueUsd;
    const otm = (45_000 - BTC) / BTC;
    expect(w.initialBefore).toBeCloseTo(premium, 6);
    expect(w.initialAfter).toBeCloseTo((Math.max(0.15 - otm, 0.1) + premium / BTC) * BTC, 6);
    expect(w.trades[0]).toMatchObject({ symbol: CALL, quantity: -2 });
    expect(w.trades[0].valueUsd).toBeCloseTo(-2 * premium, 6);
    expect(w.trades[0].cashDelta).toBeCloseTo(-2 * r.positions[0].cashDelta, 6);
  });

  it('names the bad field: an unknown symbol, a zero quantity, an edited preset parameter out of range', async () => {
    const bad = await dispatchApiCall(services, 'whatIfMargin', { portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, trades: [{ symbol: 'BTC-99XYZ26', quantity: 1 }], jobId: jobId() });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!bad.ok && bad.error.message).toMatch(/trades\.0\.symbol: unknown instrument 'BTC-99XYZ26'/);
    const zero = await dispatchApiCall(services, 'whatIfMargin', { portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, trades: [{ symbol: CALL, quantity: 0 }], jobId: jobId() });
    expect(!zero.ok && zero.error.message).toMatch(/trades\[0\]\.quantity|trades\.0\.quantity/);
    const presets = await services.listMarginPresets({});
    const parameters = structuredClone(presets.presets.find((p) => p.name === 'deribit-pm-like')!.parameters) as { default: { maintenanceFactor: number } };
    parameters.default.maintenanceFactor = -1;
    const edited = await dispatchApiCall(services, 'getMarginReport', { portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like', parameters }, jobId: jobId() });
    expect(!edited.ok && edited.error.message).toMatch(/default\.maintenanceFactor/);
    const missing = await dispatchApiCall(services, 'getBookRisk', { portfolio: 'nobody', model: { kind: 'standard', preset: 'standard-deribit' }, jobId: jobId() });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('getMarginReport, compareMarginModels, listMarginPresets', () => {
  it('reports equity, excess, margin ratio and liquidation distance consistent with the margins', async () => {
    const r = await services.getMarginReport({ portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, jobId: jobId() });
    expect(r.components.reduce((a, c) => a + c.amount, 0)).toBeCloseTo(r.initialMargin, 6);
    // Collateral: 2 BTC at 40,000 and 50,000 USDC, no haircut.
    expect(r.account.collateralValue).toBeCloseTo(2 * BTC + 50_000, 6);
    expect(r.account.excess).toBeCloseTo(r.account.equity - r.maintenanceMargin, 6);
    expect(r.account.marginRatio).toBeCloseTo(r.maintenanceMargin / r.account.equity, 9);
    expect(r.account.liquidation).not.toBeNull();
  });

  it('compares standard, every grid preset, VaR and ES with the saving measured against standard margin', async () => {
    const c = await services.compareMarginModels({ portfolio: 'desk', var: { lookbackDays: 300 }, jobId: jobId() });
    expect(c.models[0].model).toBe('standard-deribit');
    expect(c.models.map((m) => m.model)).toEqual(expect.arrayContaining(['deribit-pm-like', 'span-16', 'okx-pm-like', 'var-historical-99%-2d', 'es-historical-99%-2d']));
    const best = Math.min(...c.models.slice(1).map((m) => m.initialMargin));
    expect(c.headline.bestInitialMargin).toBe(best);
    expect(c.headline.saving).toBeCloseTo(c.models[0].initialMargin - best, 6);
    expect(c.models.find((m) => m.model.startsWith('es-'))!.spec).toMatchObject({ kind: 'es', spec: { lookbackDays: 300 } });
  }, 60_000);

  it('cancels a model comparison by its job id: the call fails as cancelled and the pool serves the next call', async () => {
    const id = jobId();
    const pending = dispatchApiCall(services, 'compareMarginModels', { portfolio: 'desk', var: { lookbackDays: 300 }, jobId: id });
    expect(await services.cancelJob({ jobId: id })).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await services.cancelJob({ jobId: id })).toBe(false);
    const report = await services.getMarginReport({ portfolio: 'single', model: { kind: 'grid', preset: 'span-16' }, jobId: jobId() });
    expect(report.initialMargin).toBeGreaterThan(0);
  }, 60_000);

  it('lists every shipped preset with a parameter document its schema accepts, and the VaR defaults', async () => {
    const { presets, varDefaults } = await services.listMarginPresets({});
    expect(presets.map((p) => p.name).sort()).toEqual(['deribit-pm-like', 'okx-pm-like', 'span-16', 'standard-deribit']);
    for (const p of presets) expect(parsePreset(p.parameters, p.name).kind).toBe(p.kind);
    expect(varDefaults).toMatchObject({ method: 'historical', confidence: 0.99, mporDays: 2 });
    expect(varDefaults).not.toHaveProperty('measure');
  });
});
