import type { Book, MarketState, Position } from '../market';
import { instrumentTerms, marketContext, type MarketContext } from '../valuation';
import { accountSummary } from './account';
import type { StandardPreset } from './presets/schema';
import { now, type MarginComponent, type MarginConfig, type MarginModel, type MarginResult, type PositionMargin } from './types';

/**
 * Standard (isolated) margin: each position margined on its own, the account total is the sum
 * (docs/methodology/standard-margin.md). Futures/perpetuals: rate = base + perCoin x size in coin, times the USD
 * notional. Options (fractions of the underlying, Deribit's rule): long = mark (if configured); short call
 * IM = max(a - OTM/F, b) + mark/F, MM = c + mark/F; short put IM = max(that, MM), MM = max(c, c x mark/F) + mark/F,
 * per coin of underlying; coin amounts convert to USD at the index S.
 */
export interface PositionRequirement {
  initial: number;
  maintenance: number;
  description: string;
}

export function standardRequirement(
  position: Position,
  market: MarketState,
  preset: StandardPreset,
  config: MarginConfig,
  ctx: MarketContext = marketContext(market),
): PositionRequirement {
  const { instrument, quantity } = position;
  const terms = instrumentTerms(instrument, ctx);
  const size = Math.abs(quantity) * instrument.multiplier;
  const s = terms.spot;
  const f = terms.forward;
  switch (instrument.kind) {
    case 'spot': {
      const long = quantity >= 0;
      const notional = size * s;
      const im = long ? preset.spot.initialLong : preset.spot.initialShort;
      const mm = long ? preset.spot.maintenanceLong : preset.spot.maintenanceShort;
      return { initial: im * notional, maintenance: mm * notional, description: `spot ${long ? 'long' : 'short'} ${im} / ${mm} of notional` };
    }
    case 'perpetual':
    case 'future': {
      const inverse = instrument.settlement === 'inverse';
      const notional = inverse ? size : size * f;
      const sizeCoin = inverse ? size / f : size;
      const r = preset.futures.byUnderlying[instrument.underlying] ?? preset.futures.default;
      const imRate = r.initialBase + r.initialPerCoin * sizeCoin;
      const mmRate = r.maintenanceBase + r.maintenancePerCoin * sizeCoin;
      return {
        initial: imRate * notional,
        maintenance: mmRate * notional,
        description: `${(imRate * 100).toFixed(4)}% / ${(mmRate * 100).toFixed(4)}% of ${notional.toFixed(2)} USD notional (${sizeCoin.toFixed(4)} coin)`,
      };
    }
    case 'option': {
      const markUsd = config.valuation.optionMark(instrument, market);
      const o = preset.options;
      if (quantity >= 0) {
        const v = o.longChargesMark ? size * markUsd : 0;
        return { initial: v, maintenance: v, description: o.longChargesMark ? 'long option: mark value' : 'long option: none' };
      }
      const markCoin = markUsd / f;
      const strike = terms.strike;
      const otm = instrument.right === 'call' ? Math.max(0, strike - f) : Math.max(0, f - strike);
      const imFrac = Math.max(o.initialOtmBase - otm / f, o.initialFloor) + markCoin;
      const mmFrac = instrument.right === 'call' ? o.maintenance + markCoin : Math.max(o.maintenance, o.maintenance * markCoin) + markCoin;
      const initialFrac = instrument.right === 'put' ? Math.max(imFrac, mmFrac) : imFrac;
      return {
        initial: size * initialFrac * s,
        maintenance: size * mmFrac * s,
        description: `short ${instrument.right}: IM ${initialFrac.toFixed(5)}, MM ${mmFrac.toFixed(5)} coin per coin (OTM ${otm.toFixed(2)}, mark ${markCoin.toFixed(5)})`,
      };
    }
  }
}

export function standardModel(preset: StandardPreset): MarginModel {
  return {
    name: preset.name,
    compute(book: Book, market: MarketState, config: MarginConfig): MarginResult {
      const t0 = now();
      const components: MarginComponent[] = [];
      const positions: PositionMargin[] = [];
      let im = 0;
      let mm = 0;
      const ctx = marketContext(market);
      for (const p of book.positions) {
        const r = standardRequirement(p, market, preset, config, ctx);
        im += r.initial;
        mm += r.maintenance;
        components.push({ name: p.instrument.symbol, amount: r.initial, description: r.description, group: p.instrument.underlying });
        // Isolated margin is additive: standalone = incremental = component.
        positions.push({ symbol: p.instrument.symbol, group: p.instrument.underlying, standalone: r.initial, incremental: r.initial, component: r.initial });
      }
      const t1 = now();
      const account = accountSummary(book, market, config, im, mm);
      return {
        model: preset.name,
        initialMargin: im,
        maintenanceMargin: mm,
        components,
        scenarios: [],
        positions: config.attribution === false ? [] : positions,
        account,
        conventions: [
          'Standard (isolated) margin: each position on its own, totals are sums; no offsets between positions.',
          'Futures: rate = base + perCoin x |size in coin| applied to USD notional (inverse: contracts x face; linear: size x forward).',
          'Options: fractions of one coin of underlying converted to USD at the index; OTM amount and mark in coin use the same-expiry forward.',
        ],
        timings: { positions: t1 - t0, account: now() - t1 },
      };
    },
    initialMargin(book: Book, market: MarketState, config: MarginConfig): number {
      const ctx = marketContext(market);
      let im = 0;
      for (const p of book.positions) im += standardRequirement(p, market, preset, config, ctx).initial;
      return im;
    },
  };
}
