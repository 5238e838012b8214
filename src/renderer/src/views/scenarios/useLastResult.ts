/**
 * The latest finished value of a job, kept while a new run is in flight: the charts stay mounted (no flicker or
 * layout jump) and show the previous answer, marked stale by the caller, until the new one arrives.
 */
import { useEffect, useState } from 'react';
import type { JobState } from '../../jobs';

export function useLastResult<T>(state: JobState<T>): T | null {
  const [last, setLast] = useState<T | null>(null);
  useEffect(() => {
    if (state.status === 'done') setLast(state.value);
  }, [state]);
  return state.status === 'done' ? state.value : last;
}
