// Only when arrowline runs from its TypeScript sources (tests, tsx): a piscina worker that
// registers tsx in its own thread (Node 20 does not pass --import loaders on to workers) and
// hands piscina the handler of the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';

import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.entry);
export default mod.default;
