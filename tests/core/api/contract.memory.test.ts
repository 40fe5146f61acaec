import { createProfilerService } from '../../../electron/core/api/service.js';
import { connectInMemory } from '../../../electron/core/api/in-memory.js';
import { describeContract } from './contract-suite.js';

describeContract('the in-memory transport', async ({ sessionsDir, roots }) => {
  const service = createProfilerService({ hostKind: 'memory', roots, sessionsDir });
  const connection = connectInMemory(service);
  return {
    api: connection.api,
    hostKind: 'memory',
    close: async () => {
      connection.close();
      await service.dispose();
    },
  };
});
