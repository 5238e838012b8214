import { describe, expect, it } from 'vitest';
import { deribitSymbolFor, parseDeribitSymbol } from '../../src/engine/instrument';

describe('Deribit symbol parsing', () => {
  it('parses an inverse perpetual with its USD contract size', () => {
    expect(parseDeribitSymbol('BTC-PERPETUAL')).toEqual({
      symbol: 'BTC-PERPETUAL', kind: 'perpetual', underlying: 'BTC', quote: 'USD', settlement: 'inverse', settleCurrency: 'BTC', multiplier: 10,
    });
    expect(parseDeribitSymbol('ETH-PERPETUAL').multiplier).toBe(1);
  });

  it('parses dated futures to 08:00 UTC on the expiry day', () => {
    const f = parseDeribitSymbol('BTC-27DEC24');
    expect(f.kind).toBe('future');
    expect(new Date(f.expiry!).toISOString()).toBe('2024-12-27T08:00:00.000Z');
  });

  it('parses inverse options with a one-digit day', () => {
    const o = parseDeribitSymbol('ETH-9JAN24-1900-P');
    expect(o).toMatchObject({ kind: 'option', underlying: 'ETH', strike: 1900, right: 'put', settlement: 'inverse', settleCurrency: 'ETH' });
    expect(new Date(o.expiry!).toISOString()).toBe('2024-01-09T08:00:00.000Z');
    expect(parseDeribitSymbol('BTC-27DEC24-70000-C')).toMatchObject({ strike: 70000, right: 'call' });
  });

  it('parses linear USDC-settled names, including d-decimal strikes', () => {
    expect(parseDeribitSymbol('BTC_USDC-PERPETUAL')).toMatchObject({ kind: 'perpetual', settlement: 'linear', settleCurrency: 'USDC', quote: 'USDC', multiplier: 1 });
    expect(parseDeribitSymbol('XRP_USDC-27DEC24-0d625-C')).toMatchObject({ kind: 'option', strike: 0.625, settlement: 'linear' });
    expect(parseDeribitSymbol('BTC_USDC')).toMatchObject({ kind: 'spot', underlying: 'BTC' });
  });

  it.each([
    ['BTC', /bare coin/],
    ['BTC-31FEB24', /does not exist/],
    ['BTC-27XYZ24', /unknown month/],
    ['BTC-27DEC24-70000-X', /right/],
    ['BTC-27DEC24-abc-C', /strike/],
    ['BTC_EUR-PERPETUAL', /quote currency/],
    ['SOL-PERPETUAL', /contract size/],
    ['BTC-27DEC24-1-C-extra', /expected/],
  ])('rejects %s with a clear reason', (symbol, reason) => {
    expect(() => parseDeribitSymbol(symbol)).toThrow(reason);
  });

  it('round-trips explicit fields to the same symbol', () => {
    for (const s of ['BTC-PERPETUAL', 'BTC-27DEC24', 'ETH-9JAN24-1900-P', 'BTC_USDC-PERPETUAL', 'XRP_USDC-27DEC24-0d625-C']) {
      expect(deribitSymbolFor(parseDeribitSymbol(s))).toBe(s);
    }
  });
});
