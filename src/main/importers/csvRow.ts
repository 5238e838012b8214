import { ImportError } from './importError';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO-8601 UTC time with a Z suffix, optional fractional seconds. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;
/** Plain decimal or scientific notation, as the source files write numbers; rejects '', 'NaN', 'Infinity', '0x10'. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export type NumberRule = 'finite' | 'positive' | 'nonNegative';

/**
 * One data row of a CSV file with typed, validated accessors by column name. Every failure throws an ImportError
 * naming file, line, column and value.
 */
export class CsvRow {
  constructor(
    readonly file: string,
    readonly line: number,
    private readonly columns: Map<string, number>,
    readonly fields: string[],
  ) {}

  fail(column: string | undefined, reason: string): never {
    throw new ImportError(this.file, this.line, column, column === undefined ? undefined : this.raw(column), reason);
  }

  has(column: string): boolean {
    return this.columns.has(column);
  }

  raw(column: string): string | undefined {
    const index = this.columns.get(column);
    return index === undefined ? undefined : this.fields[index];
  }

  text(column: string): string {
    const value = this.raw(column);
    if (value === undefined || value === '') this.fail(column, 'is empty');
    return value;
  }

  optionalText(column: string): string | null {
    const value = this.raw(column);
    return value === undefined || value === '' ? null : value;
  }

  number(column: string, rule: NumberRule = 'finite'): number {
    const value = this.text(column);
    if (!NUMBER.test(value)) this.fail(column, 'is not a number');
    const x = Number(value);
    if (!Number.isFinite(x)) this.fail(column, 'is not a finite number');
    if (rule === 'positive' && !(x > 0)) this.fail(column, 'must be positive');
    if (rule === 'nonNegative' && !(x >= 0)) this.fail(column, 'must not be negative');
    return x;
  }

  /** Empty cell (or absent column) -> null. */
  optionalNumber(column: string, rule: NumberRule = 'finite'): number | null {
    return this.optionalText(column) === null ? null : this.number(column, rule);
  }

  /** `YYYY-MM-DD` -> 00:00 UTC of that day (ms). */
  day(column: string): number {
    const value = this.text(column);
    const m = ISO_DAY.exec(value);
    const ts = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
    // Date.UTC rolls month 13 or day 30 of February over: require the calendar date to survive the round trip.
    if (!m || new Date(ts).toISOString().slice(0, 10) !== value) this.fail(column, 'is not a date YYYY-MM-DD');
    return ts;
  }

  /** ISO-8601 UTC time (`...Z`) -> ms. */
  time(column: string): number {
    const value = this.text(column);
    const ts = ISO_UTC.test(value) ? Date.parse(value) : Number.NaN;
    // Date.parse rolls 2024-02-30 over into March: require the calendar day to survive the round trip.
    if (Number.isNaN(ts) || new Date(ts).toISOString().slice(0, 10) !== value.slice(0, 10)) this.fail(column, 'is not an ISO-8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)');
    return ts;
  }
}
