/**
 * An Arrow IPC file written batch by batch: RecordBatchFileWriter's bytes go to a file
 * descriptor as they are produced (memory stays at about one batch), then fsync. Callers write
 * into a staging directory (writeDirectoryAtomic) or rename the finished file themselves.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

import { type RecordBatch, RecordBatchFileWriter, type Schema } from 'apache-arrow';

import { arrowlineError } from '../errors.js';

export class IpcFileSink {
  readonly path: string;
  rows = 0;
  private readonly fd: number;
  private readonly writer: RecordBatchFileWriter;
  private readonly pump: Promise<void>;
  private failed: unknown;

  constructor(path: string, schema: Schema) {
    this.path = path;
    const fd = openSync(path, 'wx', 0o644);
    const writer = new RecordBatchFileWriter();
    writer.reset(undefined, schema);
    this.fd = fd;
    this.writer = writer;
    this.pump = (async () => {
      try {
        for await (const chunk of writer) {
          let off = 0;
          while (off < chunk.byteLength) off += writeSync(fd, chunk, off, chunk.byteLength - off);
        }
      } catch (err) {
        this.failed = err;
      }
    })();
  }

  write(batch: RecordBatch): void {
    if (batch.numRows === 0) return;
    this.writer.write(batch);
    this.rows += batch.numRows;
  }

  async close(): Promise<void> {
    this.writer.finish();
    await this.pump;
    try {
      if (this.failed) throw this.failed;
      fsyncSync(this.fd);
    } catch (err) {
      throw arrowlineError('E_INTERNAL', `cannot write Arrow IPC: ${(err as Error).message}`, { file: this.path, cause: err });
    } finally {
      closeSync(this.fd);
    }
  }
}
