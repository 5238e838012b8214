/**
 * `offset stress <portfolio> [--set NAME] [--worst N] [--model PRESET] [--json]` (docs/methodology/stress.md):
 * per scenario the book's P&L, P&L per position, equity after the shock against maintenance margin and the top
 * contributors; plus the reverse stress test. Without --set: the built-in historical windows (moves read from the
 * price DB for every underlying in it) and the book's N worst historical days. The run itself is
 * src/main/analysis/stressRun.ts, shared with the Stress view's engine job.
 */
import { loadPreset } from '../../../engine/margin/presets';
import { runStress } from '../../analysis/stressRun';
import { getScenarioSet, openStoreFromOptions } from '../../store';
import type { CliCommand } from '../command';
import { numberOption, stringOption } from '../args';

export const DEFAULT_STRESS_MODEL = 'deribit-pm-like';

export const stressCommand: CliCommand = {
  name: ['stress'],
  summary: 'Stress a portfolio: stored scenario sets, historical crypto crashes from the price DB, worst historical days, reverse stress',
  usage: 'offset stress <portfolio> [--set NAME] [--worst N] [--horizon DAYS] [--model PRESET] [--top N] [--db FILE] [--json]',
  async run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new Error('name a portfolio (or a .json file): offset stress <portfolio>');
    const db = openStoreFromOptions(ctx.options);
    try {
      const modelName = stringOption(ctx.options, 'model') ?? DEFAULT_STRESS_MODEL;
      const setName = stringOption(ctx.options, 'set');
      const set = setName === undefined ? undefined : getScenarioSet(db, setName);
      if (setName !== undefined && !set) throw new Error(`no stress scenario set named '${setName}' in the database`);
      const out = await runStress(db, name, {
        model: { kind: loadPreset(modelName).kind, preset: modelName },
        set,
        historicalWindows: !set,
        worstDays: set ? 0 : (numberOption(ctx.options, 'worst') ?? 5),
        horizonDays: numberOption(ctx.options, 'horizon') ?? 1,
        timeShiftDays: 0,
        topContributors: numberOption(ctx.options, 'top') ?? 5,
        reverseStress: true,
      });
      if (ctx.json) ctx.stdout(JSON.stringify(out, null, 2));
      else {
        ctx.stdout(`${out.portfolio}: equity ${out.equity.toFixed(0)} USD, maintenance margin ${out.maintenanceMargin.toFixed(0)} USD (${out.model})`);
        ctx.stdout('scenario | P&L | equity after | survives | worst position');
        for (const s of out.scenarios) ctx.stdout(`${s.scenario} | ${s.pnl.toFixed(0)} | ${s.equityAfter.toFixed(0)} | ${s.survives ? 'yes' : 'NO'} | ${s.topContributors[0]?.instrument ?? '-'}`);
        const reverse = out.reverseStress;
        for (const r of reverse ? [...reverse.perUnderlying, ...(reverse.joint ? [reverse.joint] : [])] : []) {
          const pct = (x: { pctMove: number } | null) => (x ? `${(100 * x.pctMove).toFixed(1)}%` : 'none');
          ctx.stdout(`reverse ${r.underlying}: spot down ${pct(r.spotOnly.down)}, up ${pct(r.spotOnly.up)}; with vol: down ${pct(r.spotAndVol?.down ?? null)}, up ${pct(r.spotAndVol?.up ?? null)}`);
        }
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
