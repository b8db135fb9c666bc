/** Exit codes (DESIGN.md): 0 ok, 1 anomalies or a FAILED component, 2 bad usage or input, 70 internal. */
import type { ErrorCode } from '../errors.js';

export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2, INTERNAL: 70 } as const;

const INTERNAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['E_INTERNAL', 'E_CUDA', 'E_ADDON_LOAD']);

export function exitCodeFor(code: ErrorCode): number {
  return INTERNAL_CODES.has(code) ? EXIT.INTERNAL : EXIT.USAGE;
}

let findings = false;

/** A command found what it looks for (validate: anomalies): the process exits 1 after it returns. */
export function reportFindings(): void {
  findings = true;
}

export function takeFindings(): boolean {
  const f = findings;
  findings = false;
  return f;
}
