import type { MarketState, Position } from './market';
import { MS_PER_DAY } from './time';
import { instrumentTerms, marketContext, positionRisk, type PositionRisk } from './valuation';

/**
 * Risk report: value and greeks per position, summed per underlying and per (underlying, expiry bucket).
 * Greeks of one underlying are in that underlying's units (delta in coin), so totals are only summed within an
 * underlying; USD figures (cash delta, cash gamma, vega, theta, rho, value) add across the book.
 */
export interface RiskTotals {
  valueUsd: number;
  /** Sum of coin values of inverse positions. */
  valueCoin: number;
  delta: number;
  /** Sum of Deribit-style coin deltas of inverse positions. */
  deltaCoin: number;
  cashDelta: number;
  gamma: number;
  cashGamma: number;
  vegaPerVol: number;
  vegaPerPoint: number;
  thetaPerYear: number;
  thetaPerDay: number;
  rho: number;
}

export interface BucketTotals {
  underlying: string;
  bucket: string;
  totals: RiskTotals;
}

export interface RiskReport {
  valuationTime: number;
  positions: PositionRisk[];
  byUnderlying: Record<string, RiskTotals>;
  byExpiryBucket: BucketTotals[];
  /** USD totals across underlyings (delta and gamma omitted: they are in different coins). */
  bookUsd: Pick<RiskTotals, 'valueUsd' | 'cashDelta' | 'cashGamma' | 'vegaPerVol' | 'vegaPerPoint' | 'thetaPerYear' | 'thetaPerDay' | 'rho'>;
  /** Vol surface warnings (calendar arbitrage) of the underlyings in the book. */
  warnings: string[];
}

/** Upper edges (calendar days to expiry) of the default expiry buckets. */
export const DEFAULT_BUCKET_EDGES_DAYS = [7, 30, 90, 180, 365];
export const UNDATED_BUCKET = 'undated';

/** Bucket label for an expiry `days` away: '0-7d', '7-30d', ..., '>365d'; spot and perpetuals are 'undated'. */
export function expiryBucket(days: number | undefined, edges: number[] = DEFAULT_BUCKET_EDGES_DAYS): string {
  if (days === undefined) return UNDATED_BUCKET;
  let lower = 0;
  for (const edge of edges) {
    if (days <= edge) return `${lower}-${edge}d`;
    lower = edge;
  }
  return `>${lower}d`;
}

/** All bucket labels in tenor order, undated last. */
export function bucketLabels(edges: number[] = DEFAULT_BUCKET_EDGES_DAYS): string[] {
  return [...edges.map((edge, i) => `${i === 0 ? 0 : edges[i - 1]}-${edge}d`), `>${edges[edges.length - 1] ?? 0}d`, UNDATED_BUCKET];
}

function zeroTotals(): RiskTotals {
  return { valueUsd: 0, valueCoin: 0, delta: 0, deltaCoin: 0, cashDelta: 0, gamma: 0, cashGamma: 0, vegaPerVol: 0, vegaPerPoint: 0, thetaPerYear: 0, thetaPerDay: 0, rho: 0 };
}

function add(totals: RiskTotals, p: PositionRisk): void {
  totals.valueUsd += p.valueUsd;
  totals.valueCoin += p.valueCoin ?? 0;
  totals.delta += p.delta;
  totals.deltaCoin += p.deltaCoin ?? 0;
  totals.cashDelta += p.cashDelta;
  totals.gamma += p.gamma;
  totals.cashGamma += p.cashGamma;
  totals.vegaPerVol += p.vegaPerVol;
  totals.vegaPerPoint += p.vegaPerPoint;
  totals.thetaPerYear += p.thetaPerYear;
  totals.thetaPerDay += p.thetaPerDay;
  totals.rho += p.rho;
}

export function riskReport(positions: Position[], market: MarketState, bucketEdgesDays: number[] = DEFAULT_BUCKET_EDGES_DAYS): RiskReport {
  const ctx = marketContext(market);
  const byUnderlying: Record<string, RiskTotals> = {};
  const buckets = new Map<string, BucketTotals>();
  const rows = positions.map((position, index) => {
    let row: PositionRisk;
    try {
      row = positionRisk(position, instrumentTerms(position.instrument, ctx));
    } catch (e) {
      throw new Error(`position ${index} (${position.instrument?.symbol ?? 'no instrument'}): ${(e as Error).message}`, { cause: e });
    }
    add((byUnderlying[row.underlying] ??= zeroTotals()), row);
    const days = row.expiry === undefined ? undefined : ((row.expiry - market.valuationTime) / MS_PER_DAY);
    const bucket = expiryBucket(days, bucketEdgesDays);
    const key = `${row.underlying}\u0000${bucket}`;
    if (!buckets.has(key)) buckets.set(key, { underlying: row.underlying, bucket, totals: zeroTotals() });
    add(buckets.get(key)!.totals, row);
    return row;
  });
  const book = zeroTotals();
  for (const totals of Object.values(byUnderlying)) {
    book.valueUsd += totals.valueUsd;
    book.cashDelta += totals.cashDelta;
    book.cashGamma += totals.cashGamma;
    book.vegaPerVol += totals.vegaPerVol;
    book.vegaPerPoint += totals.vegaPerPoint;
    book.thetaPerYear += totals.thetaPerYear;
    book.thetaPerDay += totals.thetaPerDay;
    book.rho += totals.rho;
  }
  const { valueUsd, cashDelta, cashGamma, vegaPerVol, vegaPerPoint, thetaPerYear, thetaPerDay, rho } = book;
  const bucketOrder = bucketLabels(bucketEdgesDays);
  return {
    valuationTime: market.valuationTime,
    positions: rows,
    byUnderlying,
    byExpiryBucket: [...buckets.values()].sort((a, b) => a.underlying.localeCompare(b.underlying) || bucketOrder.indexOf(a.bucket) - bucketOrder.indexOf(b.bucket)),
    bookUsd: { valueUsd, cashDelta, cashGamma, vegaPerVol, vegaPerPoint, thetaPerYear, thetaPerDay, rho },
    warnings: Object.keys(byUnderlying).flatMap((u) => ctx.underlying(u).surface.checkCalendarArbitrage()),
  };
}

