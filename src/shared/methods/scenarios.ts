/** Scenario heatmap and correlations: API method names. Zod-free (the preload bundles only these); schemas in ../contract/scenarios.ts. */
export const SCENARIO_METHODS = ['scenarioHeatmap', 'correlationUniverse', 'correlationMatrix', 'rollingCorrelation'] as const;
