/** Stress scenario sets and stress runs: API method names. Zod-free (the preload bundles only these); schemas in ../contract/stress.ts. */
export const STRESS_METHODS = [
  'listStressSets',
  'getStressSet',
  'saveStressSet',
  'deleteStressSet',
  'getStressUniverse',
  'historicalStressScenario',
  'runStress',
  'listStressRuns',
  'getStressRun',
] as const;
