/**
 * The portfolio interchange file (docs/portfolio-format.md): a book plus the market snapshot it is valued against,
 * as versioned JSON. This module validates it (zod) and converts it to and from the engine's Book and MarketState.
 */
import { z } from 'zod';
import { deribitSymbolFor, parseDeribitSymbol, type Instrument } from '../engine/instrument';
import type { Book, MarketState, Position, UnderlyingMarket } from '../engine/market';

export const PORTFOLIO_FORMAT = 'offset.portfolio';
export const PORTFOLIO_FORMAT_VERSION = 1;

const isoTime = z.iso.datetime({ offset: true }).describe('ISO-8601 time, e.g. 2024-03-29T08:00:00Z');
const positive = z.number().positive();
const finite = z.number().refine(Number.isFinite, 'must be finite');

const smileSchema = z
  .object({ strikes: z.array(positive).min(1), vols: z.array(positive).min(1) })
  .strict()
  .refine((s) => s.strikes.length === s.vols.length, { message: 'strikes and vols must have the same length' })
  .refine((s) => s.strikes.every((k, i) => i === 0 || k > s.strikes[i - 1]), { message: 'strikes must be strictly increasing' });

const underlyingMarketSchema = z
  .object({
    spot: positive,
    rate: finite,
    carry: finite.optional(),
    forwards: z.array(z.object({ expiry: isoTime, price: positive }).strict()).optional(),
    vol: z.union([positive, z.record(isoTime, smileSchema)]),
  })
  .strict();

const positionFields = { quantity: finite, avgPrice: z.number().nonnegative().optional() };

const symbolPositionSchema = z.object({ symbol: z.string().min(1), ...positionFields }).strict();

const explicitPositionSchema = z
  .object({
    kind: z.enum(['spot', 'perpetual', 'future', 'option']),
    underlying: z.string().regex(/^[A-Z0-9]+$/, 'upper-case coin code'),
    settlement: z.enum(['linear', 'inverse']),
    expiry: isoTime.optional(),
    strike: positive.optional(),
    right: z.enum(['call', 'put']).optional(),
    multiplier: positive.optional(),
    ...positionFields,
  })
  .strict()
  .refine((p) => (p.kind === 'future' || p.kind === 'option') === (p.expiry !== undefined), { message: 'expiry is required for futures and options only', path: ['expiry'] })
  .refine((p) => (p.kind === 'option') === (p.strike !== undefined && p.right !== undefined), { message: 'strike and right are required for options only', path: ['strike'] });

export const portfolioFileSchema = z
  .object({
    format: z.literal(PORTFOLIO_FORMAT),
    version: z.literal(PORTFOLIO_FORMAT_VERSION),
    name: z.string().min(1).max(200),
    valuationTime: isoTime,
    reportingCurrency: z.literal('USD'),
    market: z.record(z.string().min(1), underlyingMarketSchema),
    collateral: z.record(z.string().min(1), finite).default({}),
    positions: z.array(z.union([symbolPositionSchema, explicitPositionSchema])),
  })
  .strict();

export type PortfolioFile = z.input<typeof portfolioFileSchema>;
type ParsedPortfolioFile = z.output<typeof portfolioFileSchema>;

export class PortfolioFileError extends Error {
  constructor(source: string, detail: string) {
    super(`${source}: ${detail}`);
    this.name = 'PortfolioFileError';
  }
}

function describePath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(root)';
}

/** Validates parsed JSON; errors name the source and the first offending field path. */
export function parsePortfolioFile(json: unknown, source = 'portfolio file'): ParsedPortfolioFile {
  const result = portfolioFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PortfolioFileError(source, `${describePath(issue.path)}: ${issue.message}`);
  }
  return result.data;
}

function instrumentOf(position: ParsedPortfolioFile['positions'][number], where: string, source: string): Instrument {
  try {
    if ('symbol' in position) return parseDeribitSymbol(position.symbol);
    const { kind, underlying, settlement, strike, right, multiplier } = position;
    const expiry = position.expiry === undefined ? undefined : Date.parse(position.expiry);
    const instrument = parseDeribitSymbol(deribitSymbolFor({ kind, underlying, settlement, expiry, strike, right }));
    if (instrument.settlement !== settlement) throw new Error(`a ${kind} of ${underlying} cannot settle ${settlement}`);
    return multiplier === undefined ? instrument : { ...instrument, multiplier };
  } catch (error) {
    throw new PortfolioFileError(source, `${where}: ${(error as Error).message}`);
  }
}

function underlyingMarketOf(underlying: string, m: ParsedPortfolioFile['market'][string]): UnderlyingMarket {
  const market: UnderlyingMarket = {
    underlying,
    spot: m.spot,
    rate: m.rate,
    vol:
      typeof m.vol === 'number'
        ? m.vol
        : Object.entries(m.vol)
            .map(([expiry, smile]) => ({ expiry: Date.parse(expiry), strikes: smile.strikes, vols: smile.vols }))
            .sort((a, b) => a.expiry - b.expiry),
  };
  if (m.carry !== undefined) market.carry = m.carry;
  if (m.forwards) market.forwards = m.forwards.map((f) => ({ expiry: Date.parse(f.expiry), price: f.price })).sort((a, b) => a.expiry - b.expiry);
  return market;
}

/** The engine's view of a validated file. Every position's underlying must have a market entry. */
export function toBookAndMarket(file: ParsedPortfolioFile, source = 'portfolio file'): { book: Book; market: MarketState } {
  const positions: Position[] = file.positions.map((p, i) => {
    const instrument = instrumentOf(p, `positions[${i}]`, source);
    if (!file.market[instrument.underlying]) {
      throw new PortfolioFileError(source, `positions[${i}] (${instrument.symbol}): market has no entry for underlying ${instrument.underlying}`);
    }
    const position: Position = { instrument, quantity: p.quantity };
    if (p.avgPrice !== undefined) position.avgPrice = p.avgPrice;
    return position;
  });
  const underlyings: Record<string, UnderlyingMarket> = {};
  for (const [underlying, m] of Object.entries(file.market)) underlyings[underlying] = underlyingMarketOf(underlying, m);
  return {
    book: { name: file.name, positions, collateral: { ...file.collateral } },
    market: { valuationTime: Date.parse(file.valuationTime), reportingCurrency: 'USD', underlyings },
  };
}

const iso = (ts: number) => new Date(ts).toISOString();

/** Writes a position by symbol when the symbol alone reproduces the instrument, else field by field. */
function positionEntry(p: Position): PortfolioFile['positions'][number] {
  const { instrument: i } = p;
  const extra = { quantity: p.quantity, ...(p.avgPrice === undefined ? {} : { avgPrice: p.avgPrice }) };
  let standard: Instrument | undefined;
  try {
    standard = parseDeribitSymbol(i.symbol);
  } catch {
    standard = undefined;
  }
  if (standard && standard.multiplier === i.multiplier && standard.kind === i.kind && standard.settlement === i.settlement) return { symbol: i.symbol, ...extra };
  return {
    kind: i.kind,
    underlying: i.underlying,
    settlement: i.settlement,
    ...(i.expiry === undefined ? {} : { expiry: iso(i.expiry) }),
    ...(i.strike === undefined ? {} : { strike: i.strike }),
    ...(i.right === undefined ? {} : { right: i.right }),
    multiplier: i.multiplier,
    ...extra,
  };
}

/** The interchange file for a book and its market (inverse of toBookAndMarket, up to key order). */
export function fromBookAndMarket(book: Book, market: MarketState): PortfolioFile {
  const marketEntries: PortfolioFile['market'] = {};
  for (const [underlying, m] of Object.entries(market.underlyings)) {
    marketEntries[underlying] = {
      spot: m.spot,
      rate: m.rate,
      ...(m.carry === undefined ? {} : { carry: m.carry }),
      ...(m.forwards ? { forwards: m.forwards.map((f) => ({ expiry: iso(f.expiry), price: f.price })) } : {}),
      vol: typeof m.vol === 'number' ? m.vol : Object.fromEntries(m.vol.map((s) => [iso(s.expiry), { strikes: [...s.strikes], vols: [...s.vols] }])),
    };
  }
  return {
    format: PORTFOLIO_FORMAT,
    version: PORTFOLIO_FORMAT_VERSION,
    name: book.name,
    valuationTime: iso(market.valuationTime),
    reportingCurrency: 'USD',
    market: marketEntries,
    collateral: { ...book.collateral },
    positions: book.positions.map(positionEntry),
  };
}
