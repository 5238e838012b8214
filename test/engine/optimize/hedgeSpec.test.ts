import { describe, expect, it } from 'vitest';
import { parseHedgeFile } from '../../../src/engine/optimize/hedgeSpec';

describe('hedge file', () => {
  it('parses candidates and defaults the cost to 0', () => {
    expect(parseHedgeFile('{"hedges":[{"symbol":"BTC-PERPETUAL","min":-10,"max":10}]}', 'h.json').hedges[0]).toEqual({ symbol: 'BTC-PERPETUAL', min: -10, max: 10, costPerUnit: 0 });
  });
  it('names file, hedge index and field on bad input', () => {
    expect(() => parseHedgeFile('{"hedges":[{"symbol":"X","min":1,"max":"a"}]}', 'h.json')).toThrow(/^h\.json: field 'hedges\.0\.max'/);
    expect(() => parseHedgeFile('{"hedges":[{"symbol":"X","min":2,"max":1}]}', 'h.json')).toThrow(/h\.json: field 'hedges\.0': min must be <= max/);
    expect(() => parseHedgeFile('{', 'h.json')).toThrow(/h\.json: not valid JSON/);
  });
});
