/**
 * Runs a component's executor with staged outputs: each output directory is filled under a
 * temporary name, fingerprinted and renamed to its final uri only when the executor succeeded;
 * on failure the staging directories are removed. Shared by LocalRunner and the CLI step.
 */
import { stageDirectory, type StagedDirectory } from '../io/atomicWrite.js';
import { fingerprintPath } from '../io/fingerprint.js';
import type { ArtifactRef, Component, ExecutorContext } from './component.js';

export interface StagedRun {
  /** The outputs as the executor left them (properties set), at their staging paths. */
  outputs: Record<string, ArtifactRef[]>;
  /** sha256 of each output's files, by output name. */
  fingerprints: Record<string, string[]>;
}

export async function executeStaged(
  component: Component,
  inputs: Record<string, ArtifactRef[]>,
  finalUris: Record<string, { type: string; uri: string }[]>,
  log: (message: string) => void,
): Promise<StagedRun> {
  const staged: Record<string, StagedDirectory> = {};
  try {
    const outputs: Record<string, ArtifactRef[]> = {};
    for (const [key, list] of Object.entries(finalUris)) {
      staged[key] = stageDirectory(list[0]!.uri);
      outputs[key] = [{ type: list[0]!.type, uri: staged[key]!.staging, properties: {} }];
    }
    const ctx: ExecutorContext = { inputs, outputs, parameters: component.parameters, componentId: component.id, log };
    await component.execute(ctx);
    const fingerprints: Record<string, string[]> = {};
    for (const [key, s] of Object.entries(staged)) {
      fingerprints[key] = [fingerprintPath(s.staging)];
      s.commit();
    }
    return { outputs, fingerprints };
  } catch (err) {
    for (const s of Object.values(staged)) s.abort();
    throw err;
  }
}
