import { createContext, useContext } from 'react';
import type { OffsetApi } from '../../../shared/api';

export const ApiContext = createContext<OffsetApi | null>(null);

export function useApi(): OffsetApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}
