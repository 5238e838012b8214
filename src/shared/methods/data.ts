/** Data import, series coverage, option smiles and report export: API method names. Zod-free (the preload bundles only these); schemas in ../contract/data.ts. */
export const DATA_METHODS = ['importData', 'getDataCoverage', 'getChainSmile', 'exportReport'] as const;
