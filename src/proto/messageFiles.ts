/**
 * Reading and writing one tensorflow_metadata message file in the encoding its extension names
 * (`.pb` binary, `.json` proto3 JSON, `.pbtxt`/`.txt` text format). Writes are atomic.
 */
import { readFileSync } from 'node:fs';

import type { DescMessage, MessageShape } from '@bufbuild/protobuf';

import { arrowlineError } from '../errors.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { decodeMessage, type Encoding, encodeMessage, encodingFromPath } from './codec.js';

export function readMessageFile<D extends DescMessage>(schema: D, path: string, encoding?: Encoding): MessageShape<D> {
  const enc = encoding ?? encodingFromPath(path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw arrowlineError('E_NOT_FOUND', `no such ${schema.typeName.split('.').pop()} file`, { file: path, cause: err });
    throw arrowlineError('E_INPUT_MALFORMED', `cannot read: ${(err as Error).message}`, { file: path, cause: err });
  }
  return decodeMessage(schema, bytes, enc, path);
}

export function writeMessageFile<D extends DescMessage>(schema: D, message: MessageShape<D>, path: string, encoding?: Encoding): void {
  writeFileAtomic(path, encodeMessage(schema, message, encoding ?? encodingFromPath(path)));
}
