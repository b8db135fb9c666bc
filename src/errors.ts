/**
 * Every failure a user can cause is an ArrowlineError with a stable `code` from the one table
 * below (DESIGN.md, "Errors"); the class is chosen from the code. Native Status codes map onto
 * the same table in NATIVE_STATUS_CODES, so errors from the addon are indistinguishable from
 * errors raised in TypeScript.
 */

export const ERROR_CODES = {
  E_INPUT_MALFORMED: 'input data or a file is malformed (bad lengths, offsets, syntax, values)',
  E_SCHEMA_MISMATCH: 'data does not match the schema or the type an operation expects',
  E_SCHEMA_PARSE: 'a schema, statistics or anomalies file does not parse',
  E_UNSUPPORTED_TYPE: 'a column type or feature arrowline does not support',
  E_ADDON_LOAD: 'the native addon could not be loaded',
  E_DEVICE_UNAVAILABLE: 'the GPU was requested but none is usable',
  E_CUDA: 'a CUDA runtime call failed',
  E_OPTION_INVALID: 'an option, argument or query is invalid',
  E_NOT_FOUND: 'a file, artifact or record does not exist',
  E_ALREADY_EXISTS: 'a record with that identity already exists',
  E_FAILED_PRECONDITION: 'the operation is not allowed in the current state',
  E_STORE_BUSY: 'the metadata store is busy (retryable)',
  E_INTERNAL: 'an internal error (a bug in arrowline)',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Native al::StatusCode names (native/include/arrowline/status.h) -> error codes. */
export const NATIVE_STATUS_CODES: Readonly<Record<string, ErrorCode>> = {
  InvalidArgument: 'E_INPUT_MALFORMED',
  TypeMismatch: 'E_SCHEMA_MISMATCH',
  NotImplemented: 'E_UNSUPPORTED_TYPE',
  OutOfMemory: 'E_INTERNAL',
  CudaError: 'E_CUDA',
  DeviceUnavailable: 'E_DEVICE_UNAVAILABLE',
  Serialization: 'E_INPUT_MALFORMED',
  Internal: 'E_INTERNAL',
};

export interface ErrorContext {
  /** File the error is about. */
  file?: string;
  /** Column (feature) the error is about. */
  column?: string;
  /** Row (0-based) or line (1-based, for text files) where known. */
  row?: number;
  line?: number;
  /** 1-based character position within `line`, for text files. */
  lineColumn?: number;
  cause?: unknown;
}

function locate(message: string, ctx: ErrorContext): string {
  const where: string[] = [];
  if (ctx.file !== undefined) where.push(`file '${ctx.file}'`);
  if (ctx.column !== undefined) where.push(`column '${ctx.column}'`);
  if (ctx.line !== undefined) where.push(ctx.lineColumn !== undefined ? `line ${ctx.line}:${ctx.lineColumn}` : `line ${ctx.line}`);
  if (ctx.row !== undefined) where.push(`row ${ctx.row}`);
  return where.length ? `${where.join(', ')}: ${message}` : message;
}

export class ArrowlineError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly column?: string;
  readonly row?: number;
  readonly line?: number;
  readonly lineColumn?: number;

  constructor(code: ErrorCode, message: string, ctx: ErrorContext = {}) {
    super(locate(message, ctx), ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.name = new.target.name;
    this.code = code;
    this.file = ctx.file;
    this.column = ctx.column;
    this.row = ctx.row;
    this.line = ctx.line;
    this.lineColumn = ctx.lineColumn;
  }
}

/** Bad data: E_INPUT_MALFORMED. */
export class InputError extends ArrowlineError {}
/** Data against a schema or an expected type: E_SCHEMA_MISMATCH, E_SCHEMA_PARSE. */
export class SchemaError extends ArrowlineError {}
/** E_UNSUPPORTED_TYPE. */
export class UnsupportedTypeError extends ArrowlineError {}
/** E_ADDON_LOAD. */
export class AddonLoadError extends ArrowlineError {}
/** E_DEVICE_UNAVAILABLE, E_CUDA. */
export class DeviceError extends ArrowlineError {}
/** E_OPTION_INVALID. */
export class OptionError extends ArrowlineError {}
/** Metadata store errors: E_NOT_FOUND, E_ALREADY_EXISTS, E_FAILED_PRECONDITION, E_STORE_BUSY. */
export class MetadataStoreError extends ArrowlineError {}
/** E_INTERNAL. */
export class InternalError extends ArrowlineError {}

type ErrorClass = new (code: ErrorCode, message: string, ctx?: ErrorContext) => ArrowlineError;

const CLASS_BY_CODE: Readonly<Record<ErrorCode, ErrorClass>> = {
  E_INPUT_MALFORMED: InputError,
  E_SCHEMA_MISMATCH: SchemaError,
  E_SCHEMA_PARSE: SchemaError,
  E_UNSUPPORTED_TYPE: UnsupportedTypeError,
  E_ADDON_LOAD: AddonLoadError,
  E_DEVICE_UNAVAILABLE: DeviceError,
  E_CUDA: DeviceError,
  E_OPTION_INVALID: OptionError,
  E_NOT_FOUND: MetadataStoreError,
  E_ALREADY_EXISTS: MetadataStoreError,
  E_FAILED_PRECONDITION: MetadataStoreError,
  E_STORE_BUSY: MetadataStoreError,
  E_INTERNAL: InternalError,
};

/** The one way to make an error: the class follows from the code. */
export function arrowlineError(code: ErrorCode, message: string, ctx: ErrorContext = {}): ArrowlineError {
  return new CLASS_BY_CODE[code](code, message, ctx);
}

/** An error raised by the addon (al::Status name + message). */
export function errorFromNative(status: string, message: string, ctx: ErrorContext = {}): ArrowlineError {
  const code = NATIVE_STATUS_CODES[status] ?? 'E_INTERNAL';
  return arrowlineError(code, message, ctx);
}

/** Adds file/column/row context to an ArrowlineError thrown by `fn` (others pass through). */
export function withContext<T>(ctx: ErrorContext, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw addContext(err, ctx);
  }
}

export async function withContextAsync<T>(ctx: ErrorContext, fn: () => Promise<T>): Promise<T> {
  // Captured before the native work is queued so the stack points at the caller (sharp's rule).
  const callSite = new Error();
  try {
    return await fn();
  } catch (err) {
    const e = addContext(err, ctx);
    if (e instanceof ArrowlineError && callSite.stack) {
      e.stack = `${e.name}: ${e.message}\n${callSite.stack.split('\n').slice(1).join('\n')}`;
    }
    throw e;
  }
}

function addContext(err: unknown, ctx: ErrorContext): unknown {
  if (!(err instanceof ArrowlineError)) return err;
  const merged: ErrorContext = {
    file: err.file ?? ctx.file,
    column: err.column ?? ctx.column,
    row: err.row ?? ctx.row,
    line: err.line ?? ctx.line,
    lineColumn: err.lineColumn ?? ctx.lineColumn,
    cause: err.cause,
  };
  if (merged.file === err.file && merged.column === err.column && merged.row === err.row && merged.line === err.line) {
    return err;
  }
  // Rebuild so the message names the new context; keep the bare message (without old context).
  const bare = stripContext(err);
  return arrowlineError(err.code, bare, merged);
}

function stripContext(err: ArrowlineError): string {
  const prefix = locate('', { file: err.file, column: err.column, row: err.row, line: err.line, lineColumn: err.lineColumn });
  return prefix && err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
}

export function isArrowlineError(err: unknown): err is ArrowlineError {
  return err instanceof ArrowlineError;
}
