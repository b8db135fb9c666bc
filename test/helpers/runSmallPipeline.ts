// Child process of the SIGKILL test: runs the small pipeline under argv[2] with control dir argv[3].
import { LocalRunner } from '../../src/pipeline/index.js';
import { smallPipeline } from './pipelines.js';

const result = await new LocalRunner().run(smallPipeline(process.argv[2]!, process.argv[3]!));
process.stdout.write(`${JSON.stringify(result.results.map((r) => [r.id, r.state]))}\n`);
