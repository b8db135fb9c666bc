// A child process for the concurrency test: opens the store at argv[2] and records argv[4]
// executions (each with an output artifact, an event and the shared pipeline context) as
// writer argv[3]. Exits non-zero if any call throws.
import { ArtifactState, EventType, ExecutionState, MetadataStore, PropertyType } from '../../src/metadata/index.js';

const [path, writer, count] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const store = MetadataStore.open(path, { busyTimeoutMs: 50 });
const examples = store.putArtifactType({ name: 'Examples', properties: { span: PropertyType.INT } });
const step = store.putExecutionType({ name: 'Writer' });
const pipeline = store.putContextType({ name: 'pipeline' });
for (let i = 0; i < count; i++) {
  store.putExecution(
    { typeId: step, name: `w${writer}-${i}`, lastKnownState: ExecutionState.COMPLETE },
    [{ artifact: { typeId: examples, uri: `/w${writer}/${i}`, state: ArtifactState.LIVE, properties: { span: { intValue: i } } }, event: { type: EventType.OUTPUT, path: { steps: [{ key: 'out' }, { index: 0 }] } } }],
    [{ typeId: pipeline, name: 'shared' }],
    { reuseContextIfAlreadyExist: true },
  );
}
store.close();
