export { ARTIFACT_TYPES, type ArtifactRef, Channel, type ChannelSpec, Component, type ComponentOptions, type ComponentSpec, defineComponent, type ExecutorContext, type ParameterValue } from './component.js';
export { DEFAULT_ROOT, Pipeline, type PipelineOptions } from './pipeline.js';
export { type ComponentResult, type ComponentState, LocalRunner, type RunEvent, type RunOptions, type RunResult } from './runner.js';
export { penguinsPipeline } from './examples/penguins.js';
