/**
 * The what-if margin of the trades the user is typing: each change waits ~250 ms of quiet (debounce), then runs a
 * 'whatIfMargin' engine job at interactive priority. The answer of an older input arriving late is dropped, so the
 * banner only ever shows the margin of what is on screen (older jobs are not cancelled: a what-if takes
 * milliseconds, and a cancelled call would surface as an HTTP 409 in browser mode). Nothing is saved.
 */
import { useEffect, useState } from 'react';
import type { MarginModelSpec } from '../../../../shared/api';
import type { Trade, WhatIfMargin } from '../../../../shared/contract/risk';
import { useApi } from '../../api/ApiContext';
import { newJobId } from '../../jobs';

export const WHAT_IF_DEBOUNCE_MS = 250;

export interface WhatIfState {
  /** A computation for the current trades is waiting or running. */
  pending: boolean;
  /** The margin of the current trades (kept while a newer computation runs, cleared when there are no trades). */
  value: WhatIfMargin | null;
  error: unknown;
}

const IDLE: WhatIfState = { pending: false, value: null, error: null };

export function useWhatIf(portfolio: string, model: MarginModelSpec, trades: Trade[]): WhatIfState {
  const api = useApi();
  const [state, setState] = useState<WhatIfState>(IDLE);
  const key = JSON.stringify([portfolio, model, trades]);

  useEffect(() => {
    if (trades.length === 0) {
      setState(IDLE);
      return;
    }
    let current = true;
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      api.whatIfMargin({ portfolio, model, trades, jobId: newJobId() }).then(
        (value) => current && setState({ pending: false, value, error: null }),
        (error: unknown) => current && setState({ pending: false, value: null, error }),
      );
    }, WHAT_IF_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, key]); // key covers portfolio, model and trades by value
  return state;
}
