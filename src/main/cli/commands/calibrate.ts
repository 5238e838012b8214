/**
 * `offset calibrate --model M --param NAME --range a:b:step --target COVERAGE [--zone green] [--suite S | portfolio]`
 * (docs/methodology/calibration.md): backtests the suite for each parameter value and picks the least average
 * margin meeting the coverage target and traffic-light zone; prints the whole coverage-vs-margin frontier and
 * stores it as a 'calibration' run. The work itself is src/main/analysis/calibrationRun.ts (shared with the
 * Calibration view).
 */
import { SCANNABLE_PARAMS } from '../../../engine/backtest/modelSpec';
import type { TrafficLightZone } from '../../../engine/calibration/scan';
import { historyFor, selectBooks } from '../../analysis/backtestRun';
import { calibrateBooks, calibrationModels, saveCalibrationRun, type CalibrationRequest } from '../../analysis/calibrationRun';
import { openStoreFromOptions } from '../../store';
import { WorkerPool } from '../../worker/pool';
import type { CliCommand } from '../command';
import { numberOption, stringOption } from '../args';
import { backtestOptionsFrom, modelFromOptions, selectionFromOptions } from './backtest';

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
    const coverage = numberOption(ctx.options, 'target');
    if (coverage === undefined || !(coverage > 0 && coverage < 1)) throw new Error('--target must be a coverage in (0, 1), e.g. 0.99');
    const worstZone = (stringOption(ctx.options, 'zone') ?? 'green') as TrafficLightZone;
    if (!['green', 'yellow', 'red'].includes(worstZone)) throw new Error(`--zone must be green, yellow or red, got '${worstZone}'`);
    const request: CalibrationRequest = { base, param, range: rangeText, target: { coverage, worstZone }, options: backtestOptionsFrom(ctx) };
    calibrationModels(request); // bad parameter names or values fail here, before the store and pool open
    const db = openStoreFromOptions(ctx.options);
    const pool = new WorkerPool({ size: numberOption(ctx.options, 'workers') });
    try {
      const startedAt = Date.now();
      const selection = selectionFromOptions(ctx);
      const books = selectBooks(db, selection);
      const history = historyFor(db, books, request.options.to);
      const result = await calibrateBooks(pool, books, history, request);
      const runId = saveCalibrationRun(db, { books, request, result, suite: 'suite' in selection ? selection.suite : undefined, startedAt });
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
