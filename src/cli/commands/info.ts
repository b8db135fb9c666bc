import type { Command } from 'commander';

import { formatInfo, getInfo } from '../../capabilities/info.js';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('build (CUDA compiled?), devices, SIMD, tfjs backend, versions')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: { json?: boolean }) => {
      const info = await getInfo();
      process.stdout.write(opts.json ? `${JSON.stringify(info, null, 2)}\n` : `${formatInfo(info)}\n`);
    });
}
