/** App-level API methods (info, portfolios, jobs). Zod-free: the preload bundles only these names. */
export const APP_METHODS = ['getAppInfo', 'listPortfolios', 'getPortfolio', 'cancelJob'] as const;
