import type { CloseHistory } from '../../engine/backtest/history';
import { MS_PER_DAY } from '../../engine/time';
import type { Db } from './database';

export type BarInterval = '1d' | '4h';
export const INTERVAL_MS: Record<BarInterval, number> = { '1d': MS_PER_DAY, '4h': 4 * 3_600_000 };

export interface PriceSeries {
  asset: string;
  interval: BarInterval;
  ts: Float64Array;
  /** NaN where the bar only has a close (the wide close file). */
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const MAX_TS = 8.64e15;

/** Bars of one asset and interval with from <= ts <= to (UTC ms), ascending. */
export function priceSeries(db: Db, asset: string, interval: BarInterval, from = -MAX_TS, to = MAX_TS): PriceSeries {
  const rows = db
    .prepare('SELECT ts, open, high, low, close, volume FROM price_bars WHERE asset = ? AND interval = ? AND ts BETWEEN ? AND ? ORDER BY ts')
    .raw()
    .all(asset, interval, from, to) as (number | null)[][];
  const columns = [new Float64Array(rows.length), new Float64Array(rows.length), new Float64Array(rows.length), new Float64Array(rows.length), new Float64Array(rows.length), new Float64Array(rows.length)];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let c = 0; c < 6; c++) columns[c][i] = row[c] ?? Number.NaN;
  }
  const [ts, open, high, low, close, volume] = columns;
  return { asset, interval, ts, open, high, low, close, volume };
}

export interface ValueSeries {
  ts: Float64Array;
  value: Float64Array;
}

function valueSeries(rows: [number, number][]): ValueSeries {
  const ts = new Float64Array(rows.length);
  const value = new Float64Array(rows.length);
  rows.forEach(([t, v], i) => {
    ts[i] = t;
    value[i] = v;
  });
  return { ts, value };
}

/** An implied-vol index series (e.g. BTC 'DVOL'), values in vol points as published. */
export function volSeries(db: Db, asset: string, series = 'DVOL', from = -MAX_TS, to = MAX_TS): ValueSeries {
  return valueSeries(
    db.prepare('SELECT ts, value FROM vol_series WHERE asset = ? AND series = ? AND ts BETWEEN ? AND ? ORDER BY ts').raw().all(asset, series, from, to) as [number, number][],
  );
}

/** Funding rates (decimal per interval) of an asset's perpetual, optionally one venue instrument. */
export function fundingSeries(db: Db, asset: string, instrument?: string, from = -MAX_TS, to = MAX_TS): ValueSeries {
  const rows = instrument
    ? db.prepare('SELECT ts, rate FROM funding_rates WHERE asset = ? AND instrument = ? AND ts BETWEEN ? AND ? ORDER BY ts').raw().all(asset, instrument, from, to)
    : db.prepare('SELECT ts, rate FROM funding_rates WHERE asset = ? AND ts BETWEEN ? AND ? ORDER BY ts').raw().all(asset, from, to);
  return valueSeries(rows as [number, number][]);
}

const isoDay = (ts: number) => new Date(ts).toISOString().slice(0, 10);

/**
 * Daily closes of several assets aligned by date (the union of their dates within [from, to]), NaN where an asset
 * has no bar; with `volSeriesName`, implied vols (decimal) from that vol series aligned the same way.
 */
export function closesMatrix(db: Db, assets: string[], from = -MAX_TS, to = MAX_TS, volSeriesName?: string): CloseHistory {
  const select = db.prepare("SELECT ts, close FROM price_bars WHERE asset = ? AND interval = '1d' AND ts BETWEEN ? AND ?").raw();
  const perAsset = assets.map((a) => select.all(a, from, to) as [number, number][]);
  const days = [...new Set(perAsset.flatMap((rows) => rows.map(([ts]) => ts)))].sort((a, b) => a - b);
  const row = new Map(days.map((ts, t) => [ts, t]));
  const U = assets.length;
  const closes = new Float64Array(days.length * U).fill(Number.NaN);
  perAsset.forEach((rows, u) => {
    for (const [ts, close] of rows) closes[row.get(ts)! * U + u] = close;
  });
  const history: CloseHistory = { dates: days.map(isoDay), underlyings: [...assets], closes };
  if (volSeriesName) {
    const vols = new Float64Array(days.length * U).fill(Number.NaN);
    assets.forEach((asset, u) => {
      const series = volSeries(db, asset, volSeriesName, from, to);
      for (let i = 0; i < series.ts.length; i++) {
        const t = row.get(series.ts[i]);
        if (t !== undefined) vols[t * U + u] = series.value[i] / 100;
      }
    });
    history.vols = vols;
  }
  return history;
}

export interface ChainQuote {
  symbol: string;
  expiry: number;
  strike: number;
  right: 'call' | 'put';
  settlement: 'linear' | 'inverse';
  quoteTs: number;
  /** In the instrument's quote convention: coin per option for inverse options. */
  markPrice: number;
  /** Annualised decimal, null when none was given or derivable. */
  markIv: number | null;
  bid: number | null;
  ask: number | null;
  underlyingIndex: string | null;
  underlyingPrice: number;
  indexPrice: number | null;
  interestRate: number | null;
  openInterest: number | null;
}

export interface ChainSnapshot {
  underlying: string;
  snapshotTs: number;
  quotes: ChainQuote[];
}

/** The latest option chain snapshot of an underlying taken at or before `at` (default: the latest), or undefined. */
export function chainSnapshot(db: Db, underlying: string, at = MAX_TS): ChainSnapshot | undefined {
  const latest = db
    .prepare(
      `SELECT MAX(q.snapshot_ts) AS ts FROM option_quotes q JOIN instruments i ON i.id = q.instrument_id
       WHERE i.underlying = ? AND q.snapshot_ts <= ?`,
    )
    .get(underlying, at) as { ts: number | null };
  if (latest.ts === null) return undefined;
  const quotes = db
    .prepare(
      `SELECT i.symbol, i.expiry, i.strike, i.option_right AS right, i.settlement, q.quote_ts AS quoteTs, q.mark_price AS markPrice,
              q.mark_iv AS markIv, q.bid, q.ask, q.underlying_index AS underlyingIndex, q.underlying_price AS underlyingPrice,
              q.index_price AS indexPrice, q.interest_rate AS interestRate, q.open_interest AS openInterest
       FROM option_quotes q JOIN instruments i ON i.id = q.instrument_id
       WHERE i.underlying = ? AND q.snapshot_ts = ? ORDER BY i.expiry, i.strike, i.option_right`,
    )
    .all(underlying, latest.ts) as ChainQuote[];
  return { underlying, snapshotTs: latest.ts, quotes };
}

export interface SeriesInfo {
  table: 'price_bars' | 'vol_series' | 'funding_rates' | 'option_quotes';
  /** e.g. BTC 1d, BTC DVOL, BTCUSDT-PERP, ETH options. */
  key: string;
  rows: number;
  first: string | null;
  last: string | null;
  /** Missing steps between first and last for regular series (bars, daily vols, funding); null for snapshots. */
  gaps: number | null;
  sources: string[];
}

/** Missing regular steps: sum over consecutive pairs of round(dt / step) - 1 (rounding absorbs timestamp jitter). */
const GAP_SQL = (partition: string, step: string) => `
  SUM(CASE WHEN prev IS NULL THEN 0 ELSE MAX(CAST(ROUND((ts - prev) * 1.0 / (${step})) AS INTEGER) - 1, 0) END)
  FROM (SELECT *, LAG(ts) OVER (PARTITION BY ${partition} ORDER BY ts) AS prev`;

/** Row counts, first/last timestamps and gaps of every stored series. */
export function seriesInfo(db: Db): SeriesInfo[] {
  const iso = (ts: number | null) => (ts === null ? null : new Date(ts).toISOString());
  const out: SeriesInfo[] = [];
  const bars = db
    .prepare(
      `SELECT asset, interval, COUNT(*) AS n, MIN(ts) AS first, MAX(ts) AS last, group_concat(DISTINCT source) AS sources,
       ${GAP_SQL('asset, interval', `CASE interval WHEN '1d' THEN ${INTERVAL_MS['1d']} ELSE ${INTERVAL_MS['4h']} END`)} FROM price_bars)
       GROUP BY asset, interval ORDER BY asset, interval`,
    )
    .raw()
    .all() as [string, string, number, number, number, string, number][];
  for (const [asset, interval, n, first, last, sources, gaps] of bars) {
    out.push({ table: 'price_bars', key: `${asset} ${interval}`, rows: n, first: iso(first), last: iso(last), gaps, sources: sources.split(',') });
  }
  const vols = db
    .prepare(
      `SELECT asset, series, COUNT(*), MIN(ts), MAX(ts), group_concat(DISTINCT source), ${GAP_SQL('asset, series', String(MS_PER_DAY))} FROM vol_series)
       GROUP BY asset, series ORDER BY asset, series`,
    )
    .raw()
    .all() as [string, string, number, number, number, string, number][];
  for (const [asset, series, n, first, last, sources, gaps] of vols) {
    out.push({ table: 'vol_series', key: `${asset} ${series}`, rows: n, first: iso(first), last: iso(last), gaps, sources: sources.split(',') });
  }
  const funding = db
    .prepare(
      `SELECT instrument, COUNT(*), MIN(ts), MAX(ts), group_concat(DISTINCT source), ${GAP_SQL('instrument', 'interval_hours * 3600000')} FROM funding_rates)
       GROUP BY instrument ORDER BY instrument`,
    )
    .raw()
    .all() as [string, number, number, number, string, number][];
  for (const [instrument, n, first, last, sources, gaps] of funding) {
    out.push({ table: 'funding_rates', key: instrument, rows: n, first: iso(first), last: iso(last), gaps, sources: sources.split(',') });
  }
  const chains = db
    .prepare(
      `SELECT i.underlying, COUNT(*), MIN(q.snapshot_ts), MAX(q.snapshot_ts), group_concat(DISTINCT q.source)
       FROM option_quotes q JOIN instruments i ON i.id = q.instrument_id GROUP BY i.underlying ORDER BY i.underlying`,
    )
    .raw()
    .all() as [string, number, number, number, string][];
  for (const [underlying, n, first, last, sources] of chains) {
    out.push({ table: 'option_quotes', key: `${underlying} options`, rows: n, first: iso(first), last: iso(last), gaps: null, sources: sources.split(',') });
  }
  return out;
}
