/**
 * Where the regular series in the store have holes: for daily bars and daily vol indices the missing calendar days,
 * for 4h bars the missing bars, for funding the missing funding times, each hole as (last point before it, next point
 * after it, steps missing). seriesInfo (src/main/store/series.ts) counts the same steps; this lists them.
 */
import { INTERVAL_MS, type Db } from '../store';
import { MS_PER_DAY } from '../../engine/time';

export interface SeriesGap {
  /** Series key as seriesInfo names it: 'BTC 1d', 'BTC DVOL', 'BTCUSDT-PERP'. */
  key: string;
  /** UTC ms of the last point before the hole. */
  after: number;
  /** UTC ms of the first point after it. */
  before: number;
  /** Steps missing in between (rounded, so timestamp jitter of a few seconds does not count). */
  missing: number;
}

/** Consecutive pairs whose distance is more than one step (rounded), from a query yielding (key, prev, ts, step). */
function gapsOf(rows: [string, number, number, number][]): SeriesGap[] {
  const out: SeriesGap[] = [];
  for (const [key, prev, ts, step] of rows) {
    const missing = Math.round((ts - prev) / step) - 1;
    if (missing > 0) out.push({ key, after: prev, before: ts, missing });
  }
  return out;
}

/** Every gap of every regular series, ordered by series then time. */
export function seriesGaps(db: Db): SeriesGap[] {
  const bars = db
    .prepare(
      `SELECT asset || ' ' || interval, prev, ts, CASE interval WHEN '1d' THEN ${INTERVAL_MS['1d']} ELSE ${INTERVAL_MS['4h']} END
       FROM (SELECT asset, interval, ts, LAG(ts) OVER (PARTITION BY asset, interval ORDER BY ts) AS prev FROM price_bars)
       WHERE prev IS NOT NULL AND ts - prev > 1.5 * CASE interval WHEN '1d' THEN ${INTERVAL_MS['1d']} ELSE ${INTERVAL_MS['4h']} END
       ORDER BY asset, interval, ts`,
    )
    .raw()
    .all() as [string, number, number, number][];
  const vols = db
    .prepare(
      `SELECT asset || ' ' || series, prev, ts, ${MS_PER_DAY}
       FROM (SELECT asset, series, ts, LAG(ts) OVER (PARTITION BY asset, series ORDER BY ts) AS prev FROM vol_series)
       WHERE prev IS NOT NULL AND ts - prev > 1.5 * ${MS_PER_DAY} ORDER BY asset, series, ts`,
    )
    .raw()
    .all() as [string, number, number, number][];
  const funding = db
    .prepare(
      `SELECT instrument, prev, ts, step
       FROM (SELECT instrument, ts, interval_hours * 3600000 AS step, LAG(ts) OVER (PARTITION BY instrument ORDER BY ts) AS prev FROM funding_rates)
       WHERE prev IS NOT NULL AND ts - prev > 1.5 * step ORDER BY instrument, ts`,
    )
    .raw()
    .all() as [string, number, number, number][];
  return [...gapsOf(bars), ...gapsOf(vols), ...gapsOf(funding)];
}
