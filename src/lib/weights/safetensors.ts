/**
 * A strict reader for the safetensors format (huggingface/safetensors): an 8-byte little-endian header
 * length, a JSON header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {...}}, then
 * the raw little-endian tensor bytes, offsets relative to the end of the header. Parsing only reads the
 * header; tensor data is decoded per tensor on demand (readFloat32) so checking a file costs nothing.
 */

export type SafetensorsErrorKind =
  'not-safetensors' | 'truncated' | 'too-large' | 'bad-entry' | 'bad-offsets';

export class SafetensorsError extends Error {
  constructor(
    readonly kind: SafetensorsErrorKind,
    message: string
  ) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

/** Bytes per element of every dtype the format defines; any other dtype string is rejected. */
export const DTYPE_BYTES: Record<string, number> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E4M3: 1,
  F8_E5M2: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8
};

/** Dtypes decoded to float32 for the executor. */
export const FLOAT_DTYPES = new Set(['F32', 'F16', 'BF16', 'F64']);

export interface TensorEntry {
  name: string;
  dtype: string;
  shape: number[];
  /** Absolute byte range in the file buffer. */
  begin: number;
  end: number;
}

export interface SafetensorsFile {
  buffer: ArrayBuffer;
  tensors: TensorEntry[];
  byName: Map<string, TensorEntry>;
  metadata: Record<string, string>;
}

/** 600 MB: ResNet-152 in float32 is 241 MB; more than this in a browser tab is likely a mistake. */
export const DEFAULT_MAX_BYTES = 600 * 1024 * 1024;
/** The reference implementation refuses headers over 100 MB. */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Call with File.size before reading the file into memory. */
export function checkSize(byteLength: number, maxBytes = DEFAULT_MAX_BYTES): void {
  if (byteLength > maxBytes) {
    throw new SafetensorsError(
      'too-large',
      `the file is ${mb(byteLength)}, over the ${mb(maxBytes)} limit for weights loaded in the browser`
    );
  }
}

function readHeader(buffer: ArrayBuffer): unknown {
  if (buffer.byteLength < 8) {
    throw new SafetensorsError(
      'not-safetensors',
      `not a safetensors file: only ${buffer.byteLength} bytes long`
    );
  }
  const view = new DataView(buffer);
  // Two 32-bit halves: a u64 over 2^53 cannot be a real length anyway.
  const len = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (len < 2 || len > MAX_HEADER_BYTES) {
    throw new SafetensorsError(
      'not-safetensors',
      `not a safetensors file: header length ${len} is implausible`
    );
  }
  if (8 + len > buffer.byteLength) {
    throw new SafetensorsError(
      'truncated',
      `the file is truncated: its header claims ${len} bytes but only ${buffer.byteLength - 8} follow`
    );
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(buffer, 8, len));
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw new SafetensorsError('not-safetensors', 'not a safetensors file: the header is not valid JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError('not-safetensors', 'not a safetensors file: the header is not a JSON object');
  }
  return header;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function parseEntry(name: string, raw: unknown, dataStart: number): TensorEntry {
  const bad = (why: string) => new SafetensorsError('bad-entry', `tensor "${name}": ${why}`);
  if (typeof raw !== 'object' || raw === null) throw bad('its header entry is not an object');
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>;
  if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES))
    throw bad(`unknown dtype ${JSON.stringify(dtype)}`);
  if (!Array.isArray(shape) || !shape.every(isCount))
    throw bad('shape must be a list of non-negative integers');
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[1] < offsets[0]) {
    throw bad('data_offsets must be [begin, end] with begin <= end');
  }
  const numel = shape.reduce((a: number, b: number) => a * b, 1);
  const bytes = numel * DTYPE_BYTES[dtype];
  if (offsets[1] - offsets[0] !== bytes) {
    throw bad(
      `shape [${shape.join(', ')}] of ${dtype} needs ${bytes} bytes but data_offsets span ${offsets[1] - offsets[0]}`
    );
  }
  return { name, dtype, shape: [...shape], begin: dataStart + offsets[0], end: dataStart + offsets[1] };
}

export function parseSafetensors(buffer: ArrayBuffer, maxBytes = DEFAULT_MAX_BYTES): SafetensorsFile {
  checkSize(buffer.byteLength, maxBytes);
  const header = readHeader(buffer) as Record<string, unknown>;
  const dataStart = 8 + new DataView(buffer).getUint32(0, true);
  let metadata: Record<string, string> = {};
  const tensors: TensorEntry[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') metadata = (raw ?? {}) as Record<string, string>;
    else tensors.push(parseEntry(name, raw, dataStart));
  }
  const sorted = [...tensors].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = dataStart;
  for (const t of sorted) {
    if (t.begin < cursor) {
      throw new SafetensorsError('bad-offsets', `tensor "${t.name}" overlaps the tensor stored before it`);
    }
    cursor = t.end;
  }
  if (cursor > buffer.byteLength) {
    const last = sorted[sorted.length - 1];
    throw new SafetensorsError(
      'truncated',
      `the file is truncated: tensor "${last.name}" ends at byte ${cursor} but the file has ${buffer.byteLength}`
    );
  }
  return { buffer, tensors, byName: new Map(tensors.map((t) => [t.name, t])), metadata };
}

let f16Table: Float32Array | null = null;

/** IEEE half -> float, written out: sign, 5-bit exponent (bias 15), 10-bit fraction, subnormals at e=0. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return sign * f * 2 ** -24;
  if (e === 31) return f ? NaN : sign * Infinity;
  return sign * (1 + f / 1024) * 2 ** (e - 15);
}

/** bfloat16 is the top half of a float32. */
export function bfloatToFloat(h: number): number {
  const out = new Float32Array(1);
  new Uint32Array(out.buffer)[0] = (h & 0xffff) << 16;
  return out[0];
}

/** Decodes one float tensor to float32 (little-endian host assumed, as every browser is). */
export function readFloat32(file: SafetensorsFile, t: TensorEntry): Float32Array {
  const bytes = file.buffer.slice(t.begin, t.end); // a copy: aligned, and independent of the file
  switch (t.dtype) {
    case 'F32':
      return new Float32Array(bytes);
    case 'F64':
      return Float32Array.from(new Float64Array(bytes));
    case 'F16': {
      const table = (f16Table ??= Float32Array.from({ length: 65536 }, (_, i) => halfToFloat(i)));
      const src = new Uint16Array(bytes);
      const out = new Float32Array(src.length);
      for (let i = 0; i < src.length; i++) out[i] = table[src[i]];
      return out;
    }
    case 'BF16': {
      const src = new Uint16Array(bytes);
      const out = new Float32Array(src.length);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < src.length; i++) bits[i] = src[i] << 16;
      return out;
    }
    default:
      throw new SafetensorsError(
        'bad-entry',
        `tensor "${t.name}": dtype ${t.dtype} cannot be used as weights`
      );
  }
}
