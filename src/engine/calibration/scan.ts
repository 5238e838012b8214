/**
 * Parameter calibration by scan: evaluate a margin model's backtest on a suite for each value of one parameter and
 * pick the value with the least average margin among those meeting the coverage target. The full
 * coverage-vs-margin frontier is returned so the trade-off is visible, not only the chosen point.
 */
export type TrafficLightZone = 'green' | 'yellow' | 'red';

/** What calibration needs from one book's backtest at one parameter value. */
export interface SuiteBookResult {
  book: string;
  averageMargin: number;
  /** 1 - breach rate. */
  coverage: number;
  zone: TrafficLightZone;
}

export interface CalibrationTarget {
  /** Minimum coverage every book must reach (e.g. 0.99). */
  coverage: number;
  /** Worst traffic-light zone allowed on every book. */
  worstZone: TrafficLightZone;
}

export interface CalibrationPoint {
  value: number;
  /** Mean over the suite's books of each book's average margin. */
  averageMargin: number;
  /** Lowest coverage over the books, and the worst zone. */
  minCoverage: number;
  worstZone: TrafficLightZone;
  meetsTarget: boolean;
  /** On the efficient frontier: no other point has both lower average margin and higher minimum coverage. */
  efficient: boolean;
  books: SuiteBookResult[];
}

export interface CalibrationResult {
  points: CalibrationPoint[];
  /** The least-margin point meeting the target, or null if none does. */
  best: CalibrationPoint | null;
}

const ZONE_RANK: Record<TrafficLightZone, number> = { green: 0, yellow: 1, red: 2 };

/** Parses 'a:b:step' into a, a+step, ... <= b (inclusive up to round-off); clear errors for bad text. */
export function parseRange(text: string): number[] {
  const parts = text.split(':').map(Number);
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) throw new RangeError(`range '${text}' is not a:b:step with numbers`);
  const [a, b, step] = parts;
  if (!(step > 0)) throw new RangeError(`range '${text}': step must be positive`);
  if (b < a) throw new RangeError(`range '${text}': end is below start`);
  const n = Math.floor((b - a) / step + 1e-9);
  if (n > 10_000) throw new RangeError(`range '${text}' has ${n + 1} values (at most 10001)`);
  // a + i * step, rounded to 12 significant digits so 0.1-steps print as 0.3, not 0.30000000000000004.
  return Array.from({ length: n + 1 }, (_, i) => Number((a + i * step).toPrecision(12)));
}

export async function calibrate(
  values: number[],
  evaluate: (value: number, index: number) => Promise<SuiteBookResult[]> | SuiteBookResult[],
  target: CalibrationTarget,
): Promise<CalibrationResult> {
  const points: CalibrationPoint[] = [];
  for (let i = 0; i < values.length; i++) {
    const books = await evaluate(values[i], i);
    if (books.length === 0) throw new RangeError('calibration: the suite has no books');
    const averageMargin = books.reduce((s, b) => s + b.averageMargin, 0) / books.length;
    const minCoverage = Math.min(...books.map((b) => b.coverage));
    const worstZone = books.reduce<TrafficLightZone>((w, b) => (ZONE_RANK[b.zone] > ZONE_RANK[w] ? b.zone : w), 'green');
    const meetsTarget = minCoverage >= target.coverage && ZONE_RANK[worstZone] <= ZONE_RANK[target.worstZone];
    points.push({ value: values[i], averageMargin, minCoverage, worstZone, meetsTarget, efficient: false, books });
  }
  for (const p of points) {
    p.efficient = !points.some(
      (q) => q !== p && q.averageMargin <= p.averageMargin && q.minCoverage >= p.minCoverage && (q.averageMargin < p.averageMargin || q.minCoverage > p.minCoverage),
    );
  }
  const best = points.filter((p) => p.meetsTarget).reduce<CalibrationPoint | null>((b, p) => (b === null || p.averageMargin < b.averageMargin ? p : b), null);
  return { points, best };
}
