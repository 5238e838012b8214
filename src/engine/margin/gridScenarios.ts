import type { ScenarioBatch } from '../scenario';
import type { GridTable, ScenarioSpec } from './presets/schema';

/**
 * Expands a preset's scenario table into concrete scenarios for one underlying (docs/methodology/grid-margin.md).
 * spotMove is relative (+0.1 = spot x 1.1); volShift is in the preset's volShiftMode units and is scaled per
 * expiry by the kernel's volTermScaling; weight is the fraction of the loss counted; dampener (USD) is subtracted
 * from the loss before weighting.
 */
export interface GridScenario {
  label: string;
  spotMove: number;
  volShift: number;
  weight: number;
  dampener: number;
}

function pct(x: number): string {
  const v = Math.round(x * 1e4) / 100;
  return `${v > 0 ? '+' : ''}${v}%`;
}

export function expandScenarios(spec: ScenarioSpec): GridScenario[] {
  switch (spec.kind) {
    case 'buckets': {
      if (spec.buckets % 2 === 0) throw new RangeError(`grid scenarios: ${spec.buckets} buckets cannot include a zero move (use an odd count)`);
      const vols: [string, number][] = [['vol up', spec.volUp]];
      if (spec.volSame) vols.push(['vol same', 0]);
      vols.push(['vol down', -spec.volDown]);
      const out: GridScenario[] = [];
      const half = (spec.buckets - 1) / 2;
      for (let k = 0; k < spec.buckets; k++) {
        const spotMove = half === 0 ? 0 : (spec.priceRange * (k - half)) / half;
        for (const [name, volShift] of vols) out.push({ label: `spot ${pct(spotMove)}, ${name}`, spotMove, volShift, weight: spec.weight, dampener: 0 });
      }
      return out;
    }
    case 'explicit':
      return spec.rows.map((row) => ({
        label: row.label,
        spotMove: (spec.priceScanRange * row.price.mult * row.price.num) / row.price.denom,
        volShift: (spec.volScanRange * row.vol.mult * row.vol.num) / row.vol.denom,
        weight: row.weight,
        dampener: 0,
      }));
    case 'moves':
      return spec.moves.map((m) => ({ label: `spot ${pct(m)}, vol ${spec.volShift >= 0 ? '+' : ''}${spec.volShift}`, spotMove: m, volShift: spec.volShift, weight: spec.weight, dampener: spec.dampener }));
  }
}

/** One-underlying kernel batch for a table's scenarios. */
export function tableBatch(underlying: string, table: GridTable, scenarios: GridScenario[], volShiftMode: 'absolute' | 'relative'): ScenarioBatch {
  const spotMultiplier = new Float64Array(scenarios.length);
  const volShift = new Float64Array(scenarios.length);
  scenarios.forEach((sc, s) => {
    spotMultiplier[s] = 1 + sc.spotMove;
    volShift[s] = sc.volShift;
  });
  return { count: scenarios.length, underlyings: [underlying], spotMultiplier, volShift, volShiftMode, timeShiftDays: table.timeShiftDays };
}
