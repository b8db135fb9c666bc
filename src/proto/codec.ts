/**
 * tensorflow_metadata messages in their three encodings (DESIGN.md, "Formats"): binary
 * (`.pb`), canonical proto3 JSON (`.json`: lowerCamelCase, 64-bit integers as strings, "NaN",
 * enums by name; readers also take snake_case names and plain numbers) and text format
 * (`.pbtxt`/`.txt`, the encoding of schema.pbtxt). Binary and JSON go through @bufbuild/protobuf;
 * text format through our own parser and printer (textFormat/), which report line and column and
 * print what TFDV's Python writes; all use the descriptors generated from proto/ (`npm run proto`).
 */
import { createRegistry, type DescMessage, fromBinary, fromJsonString, type MessageShape, toBinary, toJsonString } from '@bufbuild/protobuf';

import { arrowlineError } from '../errors.js';
import { parseText, TextFormatError } from './textFormat/parse.js';
import { printText } from './textFormat/print.js';
import { file_tensorflow_metadata_proto_v0_anomalies } from './gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { file_tensorflow_metadata_proto_v0_schema } from './gen/tensorflow_metadata/proto/v0/schema_pb.js';
import { file_tensorflow_metadata_proto_v0_statistics } from './gen/tensorflow_metadata/proto/v0/statistics_pb.js';

export type Encoding = 'binary' | 'json' | 'text';

/** Resolves google.protobuf.Any payloads (CustomStatistic.any, Annotation.extra_metadata). */
export const TFMD_REGISTRY = createRegistry(
  file_tensorflow_metadata_proto_v0_statistics,
  file_tensorflow_metadata_proto_v0_schema,
  file_tensorflow_metadata_proto_v0_anomalies,
);

/** The encoding a path's extension selects. */
export function encodingFromPath(path: string): Encoding {
  const lower = path.toLowerCase();
  if (lower.endsWith('.pb') || lower.endsWith('.binpb')) return 'binary';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.pbtxt') || lower.endsWith('.txt') || lower.endsWith('.textproto')) return 'text';
  throw arrowlineError(
    'E_OPTION_INVALID',
    `cannot tell the encoding of '${path}' from its extension (use .pb for binary, .json for proto3 JSON, .pbtxt or .txt for text format)`,
  );
}

/** Decodes `data`; a parse failure is E_SCHEMA_PARSE naming `source` (and line:column for text). */
export function decodeMessage<D extends DescMessage>(
  schema: D,
  data: Uint8Array | string,
  encoding: Encoding,
  source = '<input>',
): MessageShape<D> {
  try {
    switch (encoding) {
      case 'binary':
        return fromBinary(schema, typeof data === 'string' ? new TextEncoder().encode(data) : data, { readUnknownFields: true });
      case 'json':
        return fromJsonString(schema, asText(data), { registry: TFMD_REGISTRY });
      case 'text':
        return parseText(schema, asText(data), TFMD_REGISTRY);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = err instanceof TextFormatError ? { line: err.line, lineColumn: err.column } : {};
    throw arrowlineError('E_SCHEMA_PARSE', `not a valid ${schema.typeName} in ${encoding} encoding: ${message}`, {
      file: source,
      ...at,
      cause: err,
    });
  }
}

/** Encodes `message`: bytes for binary, a string for JSON (canonical, 2-space indent) and text. */
export function encodeMessage<D extends DescMessage>(schema: D, message: MessageShape<D>, encoding: 'binary'): Uint8Array;
export function encodeMessage<D extends DescMessage>(schema: D, message: MessageShape<D>, encoding: 'json' | 'text'): string;
export function encodeMessage<D extends DescMessage>(schema: D, message: MessageShape<D>, encoding: Encoding): Uint8Array | string;
export function encodeMessage<D extends DescMessage>(schema: D, message: MessageShape<D>, encoding: Encoding): Uint8Array | string {
  switch (encoding) {
    case 'binary':
      return toBinary(schema, message);
    case 'json':
      return toJsonString(schema, message, { registry: TFMD_REGISTRY, prettySpaces: 2 }) + '\n';
    case 'text':
      return printText(schema, message, TFMD_REGISTRY);
  }
}

function asText(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: true }).decode(data);
}
