/**
 * Number formatting for the whole UI (one place, en-US grouping so columns read the same on every machine).
 * Missing values render as an em dash. Dates are UTC, matching the engine's UTC expiries.
 */
const EMPTY = '—';
const cache = new Map<string, Intl.NumberFormat>();

function formatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', options);
    cache.set(key, f);
  }
  return f;
}

function missing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

/** 1234567.891 -> "1,234,567.89" with exactly `decimals` decimals. */
export function formatNumber(value: number | null | undefined, decimals = 2): string {
  if (missing(value)) return EMPTY;
  return formatter(`n${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** Quantities keep what precision they have (coin amounts down to 1e-8): -1000 -> "-1,000", 0.125 -> "0.125". */
export function formatQuantity(value: number | null | undefined): string {
  if (missing(value)) return EMPTY;
  return formatter('q', { maximumFractionDigits: 8 }).format(value);
}

const DOLLAR_CURRENCIES = new Set(['USD', 'USDC', 'USDT']);

/** Dollar amounts as "$1,234.56" (USDC/USDT suffixed), coin amounts as "2.5 BTC" with up to 8 decimals. */
export function formatCurrency(value: number | null | undefined, currency: string): string {
  if (missing(value)) return EMPTY;
  if (DOLLAR_CURRENCIES.has(currency)) {
    const dollars = formatter('usd', { style: 'currency', currency: 'USD' }).format(value);
    return currency === 'USD' ? dollars : `${dollars} ${currency}`;
  }
  return `${formatQuantity(value)} ${currency}`;
}

/** A fraction as a percentage: 0.1234 -> "12.34%". */
export function formatPercent(fraction: number | null | undefined, decimals = 2): string {
  if (missing(fraction)) return EMPTY;
  return formatter(`p${decimals}`, { style: 'percent', minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(fraction);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** UTC date as "27 Dec 2024". */
export function formatUtcDate(timestamp: number | null | undefined): string {
  if (missing(timestamp)) return EMPTY;
  const d = new Date(timestamp);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
