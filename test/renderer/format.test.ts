import { describe, expect, it } from 'vitest';
import { formatCurrency, formatNumber, formatPercent, formatQuantity, formatUtcDate } from '../../src/renderer/src/format';
import { compareExpiryDayToFilterDate } from '../../src/renderer/src/views/positionColumns';

describe('number formatting', () => {
  it('groups thousands and fixes decimals', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(-0.5, 0)).toBe('-1');
    expect(formatNumber(70000, 0)).toBe('70,000');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('keeps quantity precision down to satoshis', () => {
    expect(formatQuantity(-1000)).toBe('-1,000');
    expect(formatQuantity(0.12345678)).toBe('0.12345678');
    expect(formatQuantity(12.5)).toBe('12.5');
  });

  it('writes dollars with a sign and coins with their ticker', () => {
    expect(formatCurrency(64250.5, 'USD')).toBe('$64,250.50');
    expect(formatCurrency(-25000, 'USDC')).toBe('-$25,000.00 USDC');
    expect(formatCurrency(0.0425, 'BTC')).toBe('0.0425 BTC');
  });

  it('formats fractions as percentages', () => {
    expect(formatPercent(0.1234)).toBe('12.34%');
    expect(formatPercent(-0.005, 1)).toBe('-0.5%');
  });

  it('formats UTC dates regardless of the local zone', () => {
    expect(formatUtcDate(Date.UTC(2024, 11, 27, 8))).toBe('27 Dec 2024');
    expect(formatUtcDate(Date.UTC(2025, 0, 1, 0))).toBe('1 Jan 2025');
  });
});

describe('expiry date filter', () => {
  const expiry = new Date(Date.UTC(2024, 11, 27, 8));
  it('matches the picked calendar day and orders the others', () => {
    expect(compareExpiryDayToFilterDate(new Date(2024, 11, 27), expiry)).toBe(0);
    expect(compareExpiryDayToFilterDate(new Date(2024, 11, 28), expiry)).toBe(-1);
    expect(compareExpiryDayToFilterDate(new Date(2024, 11, 26), expiry)).toBe(1);
  });
});
