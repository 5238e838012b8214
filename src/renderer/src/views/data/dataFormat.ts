/** Time formatting of the Data view: series coverage and gaps are UTC instants, shown as days or as times for intraday series. */
import { formatUtcDate } from '../../format';

/** "2018-02-08 00:00 UTC". */
export function formatUtcMinute(ts: number): string {
  return `${new Date(ts).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Grid cells under a "(UTC)" header: daily series by day ("8 Feb 2018"), intraday ones (4h bars, funding) to the minute ("2018-02-08 00:00"). */
export function formatSeriesTime(ts: number | null, intraday: boolean): string {
  if (ts === null) return '—';
  return intraday ? new Date(ts).toISOString().slice(0, 16).replace('T', ' ') : formatUtcDate(ts);
}

/** A series key is intraday when it is a 4h bar series or a funding series (a perpetual's name). */
export function isIntradayKey(key: string): boolean {
  return key.endsWith(' 4h') || /PERP/i.test(key);
}

/** What one missing step is in a series: a calendar day, a 4h bar, a funding interval (e.g. 8h). */
export function gapUnit(key: string, count: number): string {
  const unit = key.endsWith(' 4h') ? '4h bar' : /PERP/i.test(key) ? 'interval' : 'day';
  return `${count.toLocaleString('en-US')} ${unit}${count === 1 ? '' : 's'}`;
}
