/** Option parsers shared by commands: bad values are E_OPTION_INVALID (exit 2). */
import { arrowlineError } from '../errors.js';

export function parseIntOption(flag: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw arrowlineError('E_OPTION_INVALID', `${flag} must be an integer from ${min} to ${max}, not '${value}'`);
    }
    return n;
  };
}
