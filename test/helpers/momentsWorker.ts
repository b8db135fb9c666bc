/** Worker body for workers.test.ts: loads the addon in this thread and folds its shard. */
import { parentPort, workerData } from 'node:worker_threads';

import * as A from 'apache-arrow';

import { MomentsAccumulator } from '../../src/native/index.js';

const { values, repeat } = workerData as { values: Float64Array; repeat: number };
const vector = A.makeVector(values);
const acc = MomentsAccumulator.create();
for (let i = 0; i < repeat; i++) await acc.update(vector, 'shard');
const bytes = acc.serialize();
parentPort!.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
