/**
 * What this installation can do, as `arrowline info` reports it (DESIGN.md gives the --json
 * shape): the addon build, the CUDA devices actually found, the SIMD variant the dispatcher
 * chose, the TensorFlow.js backend that actually loaded, and versions.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { nativeInfo } from '../native/index.js';
import { type BackendAttempt, loadTfjsBackend } from '../trainer/backend.js';
import { arrowlineVersion } from '../util/version.js';

export interface ArrowlineInfo {
  version: string;
  addon: { version: string; cudaCompiled: boolean; simd: string; napiVersion: number };
  cuda: { devices: Array<{ name: string; memoryBytes: number; index: number; computeCapability: string }>; reason?: string };
  tfjs: { backend: string; package?: string; tried: BackendAttempt[] };
  versions: { node: string; arrow: string; tfjs?: string };
}

const require = createRequire(import.meta.url);

/** The version in a package's package.json, found from its resolved entry point. */
export function packageVersion(name: string): string | undefined {
  try {
    let dir = dirname(require.resolve(name));
    for (let i = 0; i < 6; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version;
      } catch {
        // keep walking up
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return undefined;
}

export { arrowlineVersion };

export async function getInfo(): Promise<ArrowlineInfo> {
  const native = nativeInfo();
  const tfjs = await loadTfjsBackend();
  const info: ArrowlineInfo = {
    version: arrowlineVersion(),
    addon: { version: native.version, cudaCompiled: native.cudaCompiled, simd: native.simd, napiVersion: native.napiVersion },
    cuda: { devices: native.cuda.devices },
    tfjs: { backend: tfjs.backend, tried: tfjs.tried },
    versions: { node: process.versions.node, arrow: packageVersion('apache-arrow') ?? 'unknown' },
  };
  if (native.cuda.reason !== undefined) info.cuda.reason = native.cuda.reason;
  if (tfjs.package !== undefined) info.tfjs.package = tfjs.package;
  const tfjsVersion = tfjs.tf?.version?.['tfjs-core'] as string | undefined;
  if (tfjsVersion) info.versions.tfjs = tfjsVersion;
  return info;
}

/** The readable form printed without --json. */
export function formatInfo(info: ArrowlineInfo): string {
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
  const lines = [
    `arrowline ${info.version}`,
    `  addon        ${info.addon.version}, Node-API ${info.addon.napiVersion}, SIMD ${info.addon.simd}, CUDA kernels ${info.addon.cudaCompiled ? 'compiled' : 'not compiled'}`,
    `  CUDA devices ${info.cuda.devices.length === 0 ? `none (${info.cuda.reason ?? 'no device'})` : info.cuda.devices.map((d) => `${d.index}: ${d.name} (${gib(d.memoryBytes)}, sm_${d.computeCapability.replace('.', '')})`).join('; ')}`,
    `  tfjs backend ${info.tfjs.backend}${info.tfjs.package ? ` (${info.tfjs.package})` : ''}`,
    ...info.tfjs.tried.map((t) => `    not ${t.name}: ${t.reason}`),
    `  versions     node ${info.versions.node}, apache-arrow ${info.versions.arrow}${info.versions.tfjs ? `, tfjs ${info.versions.tfjs}` : ''}`,
  ];
  return lines.join('\n');
}
