/** Book risk (greeks, attribution, what-if) and the Margin view: API method names. Zod-free (the preload bundles only these); schemas in ../contract/risk.ts. */
export const RISK_METHODS = ['getBookRisk', 'whatIfMargin', 'getMarginReport', 'compareMarginModels', 'listMarginPresets'] as const;
