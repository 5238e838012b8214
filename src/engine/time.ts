/**
 * Time convention for all valuation: ACT/365 continuous. Expiries are exact UTC epoch milliseconds, so an option
 * expiring at 08:00 UTC has 8 h / (365 * 24 h) of life left at midnight on its expiry day.
 */
export const MS_PER_DAY = 86_400_000;
export const DAYS_PER_YEAR = 365;
export const MS_PER_YEAR = DAYS_PER_YEAR * MS_PER_DAY;

/** Year fraction from `from` to `to` (UTC ms), ACT/365; negative when `to` is earlier. */
export function yearFraction(from: number, to: number): number {
  return (to - from) / MS_PER_YEAR;
}

/** Time to expiry in years, floored at 0 (at or after expiry an instrument is worth its intrinsic value). */
export function timeToExpiry(valuationTime: number, expiry: number): number {
  return Math.max(0, yearFraction(valuationTime, expiry));
}
