import type { OffsetApi, ProgressEvent } from '../../../shared/api';
import { API_METHODS, OffsetApiError, type ApiTransport } from '../../../shared/channels';

/** Builds the typed OffsetApi over a transport: one method per API_METHODS entry, failures rethrown as OffsetApiError. */
export function createOffsetApi(transport: ApiTransport): OffsetApi {
  const methods = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      async (args: unknown) => {
        const response = await transport.invoke(method, args ?? {});
        if (!response.ok) throw new OffsetApiError(response.error.code, response.error.message);
        return response.value;
      },
    ]),
  );
  // The values come from the Node side, which validated them against the same contract.
  return {
    ...(methods as Omit<OffsetApi, 'onProgress'>),
    onProgress: (listener) => transport.onProgress((event) => listener(event as ProgressEvent)),
  };
}
