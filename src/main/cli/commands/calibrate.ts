/**
 * `offset calibrate --model M --param NAME --range a:b:step --target COVERAGE [--zone green] [--suite S | portfolio]`
 * (docs/methodology/calibration.md): backtests the suite for each parameter value and picks the least average
 * margin meeting the coverage target and traffic-light zone; prints the whole coverage-vs-margin frontier and
 * stores it as a 'calibration' run.
 */
import { withParam, SCANNABLE_PARAMS } from '../../../engine/backtest/modelSpec';
import { calibrate, parseRange, type TrafficLightZone } from '../../../engine/calibration/scan';
import { openStoreFromOptions, saveRun } from '../../store';
import { WorkerPool } from '../../worker/pool';
import type { CliCommand } from '../command';
import { numberOption, stringOption } from '../args';
import { backtestBooks, historyFor, modelFromOptions, suiteBooks } from './backtest';

export const calibrateCommand: CliCommand = {
  name: ['calibrate'],
  summary: 'Scan one margin-model parameter for the least average margin meeting a coverage target on a suite (coverage-vs-margin frontier)',
  usage:
    'offset calibrate --model var|es|PRESET --param NAME --range a:b:step --target 0.99 [--zone green|yellow] [--suite hypothetical|portfolios|all | <portfolio>] [--from D] [--to D] [--workers N] [--db FILE] [--json]',
  async run(ctx) {
    const base = modelFromOptions(ctx);
    const param = stringOption(ctx.options, 'param');
    if (!param) throw new Error(`--param is required (for ${base.kind}: ${SCANNABLE_PARAMS[base.kind].join(', ')})`);
    const rangeText = stringOption(ctx.options, 'range');
    if (!rangeText) throw new Error('--range a:b:step is required');
    const values = parseRange(rangeText);
    const models = values.map((v) => withParam(base, param, v));
    const coverage = numberOption(ctx.options, 'target');
    if (coverage === undefined || !(coverage > 0 && coverage < 1)) throw new Error('--target must be a coverage in (0, 1), e.g. 0.99');
    const worstZone = (stringOption(ctx.options, 'zone') ?? 'green') as TrafficLightZone;
    if (!['green', 'yellow', 'red'].includes(worstZone)) throw new Error(`--zone must be green, yellow or red, got '${worstZone}'`);
    const db = openStoreFromOptions(ctx.options);
    const pool = new WorkerPool({ size: numberOption(ctx.options, 'workers') });
    try {
      const startedAt = Date.now();
      const books = suiteBooks(db, ctx);
      const history = historyFor(db, books, stringOption(ctx.options, 'to'));
      const result = await calibrate(values, async (_, i) => {
        const outputs = await backtestBooks(ctx, db, books, history, models[i], pool, false);
        return outputs.map((o) => ({ book: o.book, averageMargin: o.report.averageMargin, coverage: 1 - o.report.breachRate, zone: o.report.trafficLight.zone }));
      }, { coverage, worstZone });
      const runId = saveRun(db, { kind: 'calibration', inputs: { books: books.map((b) => b.template.name) }, params: { model: base, param, range: rangeText, target: { coverage, worstZone } }, results: result, startedAt, finishedAt: Date.now() });
      const out = { model: base, param, target: { coverage, worstZone }, best: result.best ? { value: result.best.value, averageMargin: result.best.averageMargin, minCoverage: result.best.minCoverage } : null, frontier: result.points, runId };
      if (ctx.json) ctx.stdout(JSON.stringify(out, null, 2));
      else {
        ctx.stdout(`${param} | avg margin | min coverage | worst zone | meets target | efficient`);
        for (const p of result.points) ctx.stdout(`${p.value} | ${p.averageMargin.toFixed(0)} | ${(100 * p.minCoverage).toFixed(2)}% | ${p.worstZone} | ${p.meetsTarget ? 'yes' : 'no'} | ${p.efficient ? 'yes' : ''}`);
        ctx.stdout(result.best ? `best ${param} = ${result.best.value}` : 'no value meets the target');
      }
      return 0;
    } finally {
      await pool.close();
      db.close();
    }
  },
};
