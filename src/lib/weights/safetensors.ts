/**
 * A strict reader for the safetensors format (huggingface/safetensors): an 8-byte little-endian header
 * length, a JSON header {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {...}}, then
 * the raw little-endian tensor bytes, offsets relative to the end of the header. Parsing only reads the
 * header; tensor data is decoded per tensor on demand (readFloat32) so checking a file costs nothing.
 */

import { formatBytes } from '../format';
import { QUOTE_MAX, quoteInput } from '../quote-input';

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

/** 600 MiB: ResNet-152 in float32 is 241 MB; more than this in a browser tab is likely a mistake. */
export const DEFAULT_MAX_BYTES = 600 * 1024 * 1024;
/** The reference implementation refuses headers over 100 MB. */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;
/** Malformed entries named in one message; the rest are counted. */
const MAX_LISTED = 5;

/** An exact byte count: a u64 from the file or a product of dims can pass 2^53, where numbers round. */
const bytes = (n: bigint | number) => `${n} ${n === 1 || n === 1n ? 'byte' : 'bytes'}`;

/** Call with File.size before reading the file into memory. */
export function checkSize(byteLength: number, maxBytes = DEFAULT_MAX_BYTES): void {
  if (byteLength > maxBytes) {
    throw new SafetensorsError(
      'too-large',
      `the file is ${formatBytes(byteLength)}, over the ${formatBytes(maxBytes)} limit for weights loaded in the browser`
    );
  }
}

function readHeader(buffer: ArrayBuffer): { header: Record<string, unknown>; dataStart: number } {
  if (buffer.byteLength < 8) {
    throw new SafetensorsError(
      'not-safetensors',
      `not a safetensors file: only ${bytes(buffer.byteLength)} long`
    );
  }
  const len = new DataView(buffer).getBigUint64(0, true);
  if (len < 2n || len > BigInt(MAX_HEADER_BYTES)) {
    throw new SafetensorsError(
      'not-safetensors',
      `not a safetensors file: header length ${bytes(len)} is implausible`
    );
  }
  const n = Number(len); // exact: at most MAX_HEADER_BYTES
  if (8 + n > buffer.byteLength) {
    throw new SafetensorsError(
      'truncated',
      `the file is truncated: its header claims ${bytes(n)} but only ${bytes(buffer.byteLength - 8)} follow`
    );
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(buffer, 8, n));
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw new SafetensorsError('not-safetensors', 'not a safetensors file: the header is not valid JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError('not-safetensors', 'not a safetensors file: the header is not a JSON object');
  }
  return { header: header as Record<string, unknown>, dataStart: 8 + n };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
/**
 * A value from the file in a message: text (names, dtypes) through the one quoting helper; other JSON
 * (numbers, lists) as written, through the helper too when it is long.
 */
function quote(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return quoteInput(v);
  const json = JSON.stringify(v) ?? String(v);
  return json.length <= QUOTE_MAX ? json : quoteInput(json);
}

const own = (o: object, key: string) => Object.hasOwn(o, key);

/** What is wrong with one header entry (in the user's terms), or the entry itself when nothing is. */
function parseEntry(name: string, raw: unknown, dataStart: number): TensorEntry | string {
  if (Array.isArray(raw)) return 'its header entry is a list, not an object {dtype, shape, data_offsets}';
  if (typeof raw !== 'object' || raw === null)
    return `its header entry is ${quote(raw)}, not an object {dtype, shape, data_offsets}`;
  const field = (key: string) => (own(raw, key) ? (raw as Record<string, unknown>)[key] : undefined);
  const dtype = field('dtype');
  const shape = field('shape');
  const offsets = field('data_offsets');
  if (dtype === undefined) return 'it has no dtype';
  // Own keys only: `"toString" in DTYPE_BYTES` is true for every plain object.
  if (typeof dtype !== 'string' || !own(DTYPE_BYTES, dtype))
    return `unknown dtype ${quote(dtype)} (safetensors dtypes: ${Object.keys(DTYPE_BYTES).join(', ')})`;
  if (shape === undefined) return 'it has no shape';
  if (!Array.isArray(shape) || !shape.every(isCount))
    return `shape ${quote(shape)} is not a list of non-negative integers`;
  if (offsets === undefined) return 'it has no data_offsets';
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount))
    return `data_offsets ${quote(offsets)} is not [begin, end] with two non-negative integers`;
  const [begin, end] = offsets as [number, number];
  if (end < begin) return `data_offsets [${begin}, ${end}] end before they begin`;
  const need = shape.reduce((a: bigint, d: number) => a * BigInt(d), 1n) * BigInt(DTYPE_BYTES[dtype]);
  if (BigInt(end - begin) !== need) {
    return `shape [${shape.join(', ')}] of ${dtype} needs ${bytes(need)} but data_offsets span ${bytes(end - begin)}`;
  }
  return { name, dtype, shape: [...shape], begin: dataStart + begin, end: dataStart + end };
}

function parseMetadata(raw: unknown): Record<string, string> | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return `it is ${quote(raw)}, not an object of text values`;
  const bad = Object.entries(raw).find(([, v]) => typeof v !== 'string');
  if (bad) return `its entry ${quote(bad[0])} is ${quote(bad[1])}, not text`;
  return raw as Record<string, string>;
}

const listed = (items: string[]) =>
  items.slice(0, MAX_LISTED).join('; ') +
  (items.length > MAX_LISTED ? `; and ${items.length - MAX_LISTED} more` : '');

/**
 * The format stores tensors back to back: sorted by offset, each begins where the previous one ends,
 * the first at 0 and the last at the end of the file (the reference implementation refuses anything else).
 */
function checkLayout(tensors: TensorEntry[], dataStart: number, fileBytes: number): void {
  const sorted = [...tensors].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = dataStart;
  let before: TensorEntry | null = null;
  const after = () => (before ? `tensor ${quote(before.name)}` : 'the header');
  for (const t of sorted) {
    const name = quote(t.name);
    if (t.begin < cursor) {
      throw new SafetensorsError(
        'bad-offsets',
        `tensor ${name} overlaps ${after()} by ${bytes(cursor - t.begin)}`
      );
    }
    if (t.begin > cursor) {
      throw new SafetensorsError(
        'bad-offsets',
        `there is a gap of ${bytes(t.begin - cursor)} between ${after()} and tensor ${name}; safetensors stores tensors back to back`
      );
    }
    cursor = t.end;
    before = t;
  }
  if (cursor > fileBytes) {
    throw new SafetensorsError(
      'truncated',
      `the file is truncated: ${after()} ends at byte ${cursor} but the file has ${bytes(fileBytes)}`
    );
  }
  if (cursor < fileBytes) {
    throw new SafetensorsError(
      'bad-offsets',
      `the file has ${bytes(fileBytes - cursor)} after ${after()} that no tensor uses`
    );
  }
}

export function parseSafetensors(buffer: ArrayBuffer, maxBytes = DEFAULT_MAX_BYTES): SafetensorsFile {
  checkSize(buffer.byteLength, maxBytes);
  const { header, dataStart } = readHeader(buffer);
  let metadata: Record<string, string> = {};
  const tensors: TensorEntry[] = [];
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      const m = parseMetadata(raw);
      if (typeof m === 'string') problems.push(`__metadata__: ${m}`);
      else metadata = m;
      continue;
    }
    const t = parseEntry(name, raw, dataStart);
    if (typeof t === 'string') problems.push(`tensor ${quote(name)}: ${t}`);
    else tensors.push(t);
  }
  if (problems.length) {
    const head = problems.length === 1 ? '' : `${problems.length} header entries are malformed: `;
    throw new SafetensorsError('bad-entry', head + listed(problems));
  }
  checkLayout(tensors, dataStart, buffer.byteLength);
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
        `tensor ${quote(t.name)}: dtype ${t.dtype} cannot be used as weights`
      );
  }
}
