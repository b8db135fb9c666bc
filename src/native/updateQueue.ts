/**
 * The asynchronous updates of one native accumulator, run one at a time in call order (each
 * commits what it folded), and the guard for synchronous changes while any is pending: their
 * result would be overwritten by the pending update's commit.
 */
import { arrowlineError } from '../errors.js';

export class UpdateQueue {
  private pending: Promise<unknown> = Promise.resolve();
  private queued = 0;

  /** Starts `update` after every earlier one has settled. */
  run<T>(update: () => Promise<T>): Promise<T> {
    this.queued++;
    const run = this.pending.then(update).finally(() => this.queued--);
    this.pending = run.catch(() => undefined);
    return run;
  }

  /** E_FAILED_PRECONDITION naming `what` while updates are pending. */
  assertIdle(what: string): void {
    if (this.queued > 0) {
      throw arrowlineError('E_FAILED_PRECONDITION', `${what} while ${this.queued} asynchronous update(s) of this accumulator are pending; await them first`);
    }
  }
}
