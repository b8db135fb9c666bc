// Worker entry that can run a TypeScript module: registers tsx in this thread, then imports
// workerData.entry (Node 20 does not pass --import loaders on to worker threads).
import { workerData } from 'node:worker_threads';

import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
