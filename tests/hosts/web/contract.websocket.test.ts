import { startWebHost } from '../../../electron/hosts/web/server.js';
import { describeContract } from '../../core/api/contract-suite.js';
import { connectApi } from './client.js';

describeContract('the web host WebSocket', async ({ sessionsDir, roots }) => {
  const host = await startWebHost({ sessionsDir, roots });
  const { api, socket } = await connectApi(host);
  return {
    api,
    hostKind: 'web',
    close: async () => {
      socket.close();
      await host.close();
    },
  };
});
