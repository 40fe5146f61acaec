/**
 * The in-memory transport of the contract tests: the same client and dispatcher as
 * the other transports, with messages copied by `structuredClone` so that nothing
 * passes by reference that could not cross a socket or an IPC channel.
 */
import type { ProfilerApi } from '../../shared/api.js';
import { createApiClient } from '../../shared/rpc-client.js';
import { dispatch, forwardEvents } from './dispatch.js';

export function connectInMemory(service: ProfilerApi): { api: ProfilerApi; close(): void } {
  const client = createApiClient({
    send: (message) => {
      const copy = structuredClone(message);
      void dispatch(service, copy).then((response) => {
        if (response) client.receive(structuredClone(response));
      });
    },
  });
  const stop = forwardEvents(service, (message) => client.receive(structuredClone(message)));
  return {
    api: client.api,
    close: () => {
      stop();
      client.fail('internal', 'the in-memory connection was closed.');
    },
  };
}
