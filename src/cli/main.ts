/**
 * The command line: argument parsing, output and exit codes only; every command calls the
 * library. Errors print one stderr line, `arrowline: E_CODE: message` (a stack trace only
 * under --verbose).
 */
import { Command, CommanderError } from 'commander';

import { arrowlineVersion } from '../capabilities/info.js';
import { isArrowlineError } from '../errors.js';
import { registerInfo } from './commands/info.js';
import { registerInferSchema } from './commands/inferSchema.js';
import { registerComponent } from './commands/component.js';
import { registerLineage } from './commands/lineage.js';
import { registerRun } from './commands/run.js';
import { registerStats } from './commands/stats.js';
import { registerValidate } from './commands/validate.js';
import { EXIT, exitCodeFor, takeFindings } from './exitCodes.js';

export function buildProgram(): Command {
  const program = new Command('arrowline')
    .description('TFX-compatible data validation and transform engine for Node.js (C++/CUDA)')
    .version(arrowlineVersion(), '-V, --version')
    .option('--verbose', 'print stack traces with errors')
    .showHelpAfterError()
    .exitOverride();
  registerInfo(program);
  registerStats(program);
  registerInferSchema(program);
  registerValidate(program);
  registerLineage(program);
  registerRun(program);
  registerComponent(program);
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    takeFindings();
    await program.parseAsync(argv);
    return takeFindings() ? EXIT.FINDINGS : EXIT.OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    const verbose = program.opts<{ verbose?: boolean }>().verbose || argv.includes('--verbose');
    if (isArrowlineError(err)) {
      process.stderr.write(`arrowline: ${err.code}: ${err.message}\n`);
      if (verbose && err.stack) process.stderr.write(`${err.stack}\n`);
      return exitCodeFor(err.code);
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`arrowline: E_INTERNAL: ${message}\n`);
    if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return EXIT.INTERNAL;
  }
}
