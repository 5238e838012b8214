/**
 * `offset demo`: a clearly labelled SYNTHETIC data set for trying the workstation without any third-party data.
 * Seeded, so the same seed always writes the same rows; every row carries source 'synthetic-demo'.
 * - daily OHLCV of BTC, ETH and SOL: correlated GBM with Poisson jumps (Merton 1976) on a common-factor shock;
 * - DVOL-like 30-day implied-vol indices for BTC and ETH: mean-reverting (Ornstein-Uhlenbeck) in vol points, rising
 *   when the price falls (leverage effect);
 * - a BTC option chain on the last day, priced with Black-76 on a quadratic-in-log-moneyness smile (r = 0, F = spot);
 * - the book 'demo-book' (short BTC straddle, long put wing, perpetual hedges) with collateral and its market.
 */
import { deribitSymbolFor, parseDeribitSymbol, type Instrument } from '../engine/instrument';
import type { Book, MarketState, VolSmile } from '../engine/market';
import { black76Price } from '../engine/pricing/black';
import { Random } from '../engine/stats/random';
import { MS_PER_DAY, timeToExpiry } from '../engine/time';
import { ensureAsset, replacePortfolio, upsertInstrument, type Db } from './store';

export const DEMO_SOURCE = 'synthetic-demo';
export const DEMO_BOOK = 'demo-book';

export interface DemoOptions {
  seed?: number;
  days?: number;
  /** Last bar's day (ISO date). Fixed by default so the demo is reproducible. */
  end?: string;
}

interface AssetModel {
  asset: string;
  start: number;
  drift: number;
  vol: number;
  /** Loading on the common market factor. */
  beta: number;
  /** DVOL-like series: long-run level in vol points (null: no vol index). */
  volIndexLevel: number | null;
}

const ASSETS: AssetModel[] = [
  { asset: 'BTC', start: 30_000, drift: 0.25, vol: 0.55, beta: 0.9, volIndexLevel: 60 },
  { asset: 'ETH', start: 2_000, drift: 0.25, vol: 0.7, beta: 0.85, volIndexLevel: 70 },
  { asset: 'SOL', start: 40, drift: 0.2, vol: 1.0, beta: 0.7, volIndexLevel: null },
];
const JUMPS_PER_YEAR = 4;
const JUMP_MEAN = -0.04;
const JUMP_SD = 0.08;
const VOL_INDEX_SPEED = 8; // per year: half-life about a month
const VOL_INDEX_NOISE = 90; // vol points per sqrt(year)
const CHAIN_TENORS_DAYS = [7, 30, 90];
const CHAIN_MONEYNESS = [0.7, 0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.25, 1.5];

export interface DemoSummary {
  source: string;
  bars: number;
  volPoints: number;
  optionQuotes: number;
  book: string;
  from: string;
  to: string;
}

function isEmpty(db: Db): boolean {
  const tables = ['portfolios', 'instruments', 'price_bars', 'vol_series', 'option_quotes', 'funding_rates'];
  return tables.every((t) => db.prepare(`SELECT EXISTS (SELECT 1 FROM ${t})`).pluck().get() === 0);
}

/** Smile of the synthetic chain: atm x (1 - 0.15 x + 0.6 x^2), x = ln(K/F), steeper for short tenors. */
function smileVol(atm: number, strike: number, forward: number, years: number): number {
  const x = Math.log(strike / forward);
  const scale = Math.sqrt(30 / 365 / years);
  return atm * (1 - 0.15 * x * scale + 0.6 * x * x * scale);
}

/** Writes the whole demo in one transaction (nothing is left behind on failure). */
export function generateDemo(db: Db, options: DemoOptions = {}): DemoSummary {
  return db.transaction(() => writeDemo(db, options))();
}

function writeDemo(db: Db, options: DemoOptions): DemoSummary {
  if (!isEmpty(db)) throw new Error('the demo writes into an EMPTY database only; use a new --db file');
  const seed = options.seed ?? 20240108;
  const days = options.days ?? 730;
  if (!Number.isInteger(days) || days < 60) throw new Error('--days must be an integer >= 60');
  const endText = options.end ?? '2025-12-31';
  const end = Date.parse(`${endText}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endText) || Number.isNaN(end)) throw new Error(`--end must be a date YYYY-MM-DD, got '${endText}'`);
  const first = end - (days - 1) * MS_PER_DAY;
  const rng = Random.seeded(seed);
  const dt = 1 / 365;
  const jumpProbability = JUMPS_PER_YEAR * dt;

  const lastClose: Record<string, number> = {};
  const lastVolIndex: Record<string, number> = {};
  let bars = 0;
  let volPoints = 0;
  db.transaction(() => {
    const insertBar = db.prepare(`INSERT INTO price_bars (asset, interval, ts, open, high, low, close, volume, source) VALUES (?, '1d', ?, ?, ?, ?, ?, ?, '${DEMO_SOURCE}')`);
    const insertVol = db.prepare(`INSERT INTO vol_series (asset, series, ts, value, source) VALUES (?, 'DVOL', ?, ?, '${DEMO_SOURCE}')`);
    ASSETS.forEach((m) => ensureAsset(db, m.asset));
    const close = ASSETS.map((m) => m.start);
    const volIndex = ASSETS.map((m) => m.volIndexLevel ?? 0);
    for (let d = 0; d < days; d++) {
      const ts = first + d * MS_PER_DAY;
      const market = rng.normal();
      ASSETS.forEach((m, i) => {
        const z = m.beta * market + Math.sqrt(1 - m.beta * m.beta) * rng.normal();
        const jump = rng.uniform() < jumpProbability ? JUMP_MEAN + JUMP_SD * rng.normal() : 0;
        const logReturn = (m.drift - 0.5 * m.vol * m.vol) * dt + m.vol * Math.sqrt(dt) * z + jump;
        const open = close[i];
        const next = open * Math.exp(logReturn);
        const wick = () => Math.exp(0.5 * m.vol * Math.sqrt(dt) * Math.abs(rng.normal()));
        const high = Math.max(open, next) * wick();
        const low = Math.min(open, next) / wick();
        const volume = (1e6 / m.start) * Math.exp(0.5 * rng.normal() + 3 * Math.abs(logReturn));
        insertBar.run(m.asset, ts, open, high, low, next, volume);
        bars++;
        close[i] = next;
        if (m.volIndexLevel !== null) {
          const shock = -0.6 * z + 0.8 * rng.normal();
          volIndex[i] = Math.max(15, volIndex[i] + VOL_INDEX_SPEED * (m.volIndexLevel - volIndex[i]) * dt + VOL_INDEX_NOISE * Math.sqrt(dt) * shock - 100 * Math.min(jump, 0));
          insertVol.run(m.asset, ts, Math.round(volIndex[i] * 100) / 100);
          volPoints++;
        }
      });
    }
    ASSETS.forEach((m, i) => {
      lastClose[m.asset] = close[i];
      if (m.volIndexLevel !== null) lastVolIndex[m.asset] = volIndex[i];
    });
  })();

  const valuationTime = end;
  const btcSpot = lastClose.BTC;
  const atm = lastVolIndex.BTC / 100;
  const smiles: VolSmile[] = [];
  const chain: { instrument: Instrument; mark: number; iv: number }[] = [];
  for (const tenor of CHAIN_TENORS_DAYS) {
    const expiry = end + tenor * MS_PER_DAY + 8 * 3_600_000;
    const years = timeToExpiry(valuationTime, expiry);
    const strikes = [...new Set(CHAIN_MONEYNESS.map((k) => Math.round((btcSpot * k) / 1000) * 1000))];
    const vols = strikes.map((k) => smileVol(atm, k, btcSpot, years));
    smiles.push({ expiry, strikes, vols });
    strikes.forEach((strike, j) => {
      for (const right of ['call', 'put'] as const) {
        const instrument = parseDeribitSymbol(deribitSymbolFor({ kind: 'option', underlying: 'BTC', settlement: 'inverse', expiry, strike, right }));
        // Inverse quote: coin per option = USD Black-76 price / F.
        chain.push({ instrument, mark: black76Price(right, btcSpot, strike, years, 0, vols[j]) / btcSpot, iv: vols[j] });
      }
    });
  }
  const market: MarketState = {
    valuationTime,
    reportingCurrency: 'USD',
    underlyings: {
      BTC: { underlying: 'BTC', spot: btcSpot, rate: 0, vol: smiles },
      ETH: { underlying: 'ETH', spot: lastClose.ETH, rate: 0, vol: lastVolIndex.ETH / 100 },
    },
  };
  const pick = (tenorIndex: number, moneyness: number, right: 'call' | 'put') => {
    const smile = smiles[tenorIndex];
    const target = btcSpot * moneyness;
    const strike = smile.strikes.reduce((best, k) => (Math.abs(k - target) < Math.abs(best - target) ? k : best));
    return chain.find((c) => c.instrument.expiry === smile.expiry && c.instrument.strike === strike && c.instrument.right === right)!;
  };
  const position = (c: { instrument: Instrument; mark: number }, quantity: number) => ({ instrument: c.instrument, quantity, avgPrice: c.mark });
  const book: Book = {
    name: DEMO_BOOK,
    positions: [
      position(pick(1, 1, 'call'), -5),
      position(pick(1, 1, 'put'), -5),
      position(pick(2, 0.8, 'put'), 10),
      { instrument: parseDeribitSymbol('BTC-PERPETUAL'), quantity: Math.round(btcSpot / 10), avgPrice: btcSpot },
      { instrument: parseDeribitSymbol('ETH_USDC-PERPETUAL'), quantity: -20, avgPrice: lastClose.ETH },
    ],
    collateral: { BTC: 10, USDC: 250_000 },
  };

  db.transaction(() => {
    const insertQuote = db.prepare(
      `INSERT INTO option_quotes (instrument_id, snapshot_ts, quote_ts, mark_price, mark_iv, underlying_index, underlying_price, index_price, interest_rate, source)
       VALUES (?, ?, ?, ?, ?, 'SYN.BTC', ?, ?, 0, '${DEMO_SOURCE}')`,
    );
    for (const q of chain) insertQuote.run(upsertInstrument(db, q.instrument), valuationTime, valuationTime, q.mark, q.iv, btcSpot, btcSpot);
    replacePortfolio(db, book, market, DEMO_SOURCE);
  })();
  const iso = (ts: number) => new Date(ts).toISOString().slice(0, 10);
  return { source: DEMO_SOURCE, bars, volPoints, optionQuotes: chain.length, book: DEMO_BOOK, from: iso(first), to: iso(end) };
}
