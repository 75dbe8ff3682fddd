import { describe, expect, it } from 'vitest';
import {
  SafetensorsError,
  bfloatToFloat,
  checkSize,
  halfToFloat,
  parseSafetensors,
  readFloat32
} from '../../src/lib/weights/safetensors';
import { f32, fixtureBuffer, rawFile, u16, writeSafetensors } from '../fixtures/weights/writer';

function errorOf(fn: () => unknown): SafetensorsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SafetensorsError) return e;
    throw e;
  }
  throw new Error('expected a SafetensorsError');
}

const small = () =>
  writeSafetensors(
    [
      ['a', { dtype: 'F32', shape: [2, 2], bytes: f32([1, 2, 3, 4]) }],
      ['b', { dtype: 'F32', shape: [3], bytes: f32([-1, 0.5, 8]) }]
    ],
    { format: 'pt' }
  );

describe('safetensors parser', () => {
  it('reads a valid file: names, shapes, metadata and values', () => {
    const file = parseSafetensors(small());
    expect(file.tensors.map((t) => [t.name, t.dtype, t.shape])).toEqual([
      ['a', 'F32', [2, 2]],
      ['b', 'F32', [3]]
    ]);
    expect(file.metadata).toEqual({ format: 'pt' });
    expect([...readFloat32(file, file.byName.get('a')!)]).toEqual([1, 2, 3, 4]);
    expect([...readFloat32(file, file.byName.get('b')!)]).toEqual([-1, 0.5, 8]);
  });

  it('reads the file PyTorch wrote: resnet18 state_dict has 122 entries (102 parameters and buffers + 20 num_batches_tracked)', () => {
    const file = parseSafetensors(fixtureBuffer('resnet18_w8.safetensors'));
    expect(file.tensors.length).toBe(122);
    expect(file.byName.get('conv1.weight')!.shape).toEqual([8, 3, 7, 7]);
    expect(file.byName.get('bn1.num_batches_tracked')!.dtype).toBe('I64');
  });

  it('rejects a truncated file, naming the tensor that runs past the end', () => {
    const buf = small();
    const e = errorOf(() => parseSafetensors(buf.slice(0, buf.byteLength - 4)));
    expect(e.kind).toBe('truncated');
    expect(e.message).toMatch(/truncated.*"b"/);
    const cutHeader = errorOf(() => parseSafetensors(buf.slice(0, 20)));
    expect(cutHeader.kind).toBe('truncated');
  });

  it('rejects files that are not safetensors', () => {
    expect(errorOf(() => parseSafetensors(new ArrayBuffer(4))).kind).toBe('not-safetensors');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).buffer;
    // The PNG signature 89 50 4E 47 0D 0A 1A 0A read as a little-endian u64 is 0x0A1A0A0D474E5089.
    expect(errorOf(() => parseSafetensors(png)).message).toBe(
      'not a safetensors file: header length 727905341920923785 bytes is implausible'
    );
    expect(errorOf(() => parseSafetensors(rawFile('{"a": [1,'))).message).toMatch(/not valid JSON/);
    expect(errorOf(() => parseSafetensors(rawFile('[1, 2]'))).message).toMatch(/not a JSON object/);
  });

  it('refuses a file over the byte limit before reading it', () => {
    expect(errorOf(() => parseSafetensors(small(), 16)).kind).toBe('too-large');
    const e = errorOf(() => checkSize(700 * 1024 * 1024));
    // 700 * 1024^2 bytes is 700 MiB (binary units, as the limit is defined), not 734 MB.
    expect(e.message).toMatch(/700\.0 MiB, over the 600\.0 MiB limit/);
    expect(() => checkSize(100)).not.toThrow();
  });

  it('rejects overlapping offsets, a size that does not match the shape, and unknown dtypes', () => {
    const overlap = rawFile(
      JSON.stringify({
        a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
        b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] }
      }),
      [f32([1, 2, 3])]
    );
    expect(errorOf(() => parseSafetensors(overlap)).kind).toBe('bad-offsets');
    const wrongSize = rawFile(JSON.stringify({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }), [
      f32([1, 2])
    ]);
    expect(errorOf(() => parseSafetensors(wrongSize)).message).toMatch(
      /needs 12 bytes but data_offsets span 8/
    );
    const unknown = rawFile(JSON.stringify({ a: { dtype: 'Q4', shape: [1], data_offsets: [0, 1] } }), [
      new Uint8Array(1)
    ]);
    expect(errorOf(() => parseSafetensors(unknown)).message).toMatch(/unknown dtype "Q4"/);
  });

  it('converts float16 by IEEE 754 half rules (hand-decoded bit patterns)', () => {
    // 0x3C00: exponent 15 (bias 15), fraction 0 -> 1.0; 0xC000: sign, exponent 16 -> -2.0;
    // 0x7BFF: largest normal, (2 - 2^-10) * 2^15 = 65504; 0x0001: smallest subnormal 2^-24;
    // 0x3555: 2^-2 * (1 + 341/1024) = 0.333251953125; 0x7C00: +inf.
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x3555)).toBe(0.333251953125);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    const file = parseSafetensors(
      writeSafetensors([['h', { dtype: 'F16', shape: [4], bytes: u16([0x3c00, 0xc000, 0x7bff, 0x3555]) }]])
    );
    expect([...readFloat32(file, file.tensors[0])]).toEqual([1, -2, 65504, 0.333251953125]);
  });

  it('converts bfloat16 as the top 16 bits of a float32', () => {
    // 0x3F80 -> 0x3F800000 = 1.0; 0xC040 -> 0xC0400000 = -3.0; 0x4049 -> 0x40490000 = 3.140625.
    expect(bfloatToFloat(0x3f80)).toBe(1);
    const file = parseSafetensors(
      writeSafetensors([['h', { dtype: 'BF16', shape: [3], bytes: u16([0x3f80, 0xc040, 0x4049]) }]])
    );
    expect([...readFloat32(file, file.tensors[0])]).toEqual([1, -3, 3.140625]);
  });

  it('converts float64 and refuses integer tensors as weights', () => {
    const f64 = new Uint8Array(new Float64Array([0.25, -1.5]).buffer);
    const file = parseSafetensors(
      writeSafetensors([
        ['d', { dtype: 'F64', shape: [2], bytes: f64 }],
        ['i', { dtype: 'I32', shape: [1], bytes: new Uint8Array(4) }]
      ])
    );
    expect([...readFloat32(file, file.byName.get('d')!)]).toEqual([0.25, -1.5]);
    expect(() => readFloat32(file, file.byName.get('i')!)).toThrow(/dtype I32 cannot be used as weights/);
  });

  it('refuses dtypes that are only properties every object inherits', () => {
    for (const dtype of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const buf = rawFile(JSON.stringify({ w: { dtype, shape: [1], data_offsets: [0, 4] } }), [f32([1])]);
      const e = errorOf(() => parseSafetensors(buf));
      expect(e.kind, dtype).toBe('bad-entry');
      expect(e.message, dtype).toContain(`tensor "w": unknown dtype "${dtype}"`);
    }
  });

  it('says what is wrong with each malformed entry and names its tensor', () => {
    const cases: Array<[unknown, string]> = [
      [[1, 2], 'tensor "t": its header entry is a list, not an object {dtype, shape, data_offsets}'],
      ['F32', 'tensor "t": its header entry is "F32", not an object'],
      [{ shape: [1], data_offsets: [0, 4] }, 'tensor "t": it has no dtype'],
      [{ dtype: 7, shape: [1], data_offsets: [0, 4] }, 'tensor "t": unknown dtype 7'],
      [{ dtype: 'F32', data_offsets: [0, 4] }, 'tensor "t": it has no shape'],
      [
        { dtype: 'F32', shape: [1, -2], data_offsets: [0, 4] },
        'shape [1,-2] is not a list of non-negative integers'
      ],
      [{ dtype: 'F32', shape: [1.5], data_offsets: [0, 4] }, 'shape [1.5] is not a list'],
      [{ dtype: 'F32', shape: [1] }, 'tensor "t": it has no data_offsets'],
      [{ dtype: 'F32', shape: [1], data_offsets: [0, 4, 8] }, 'data_offsets [0,4,8] is not [begin, end]'],
      [{ dtype: 'F32', shape: [1], data_offsets: [4, 0] }, 'data_offsets [4, 0] end before they begin']
    ];
    for (const [entry, message] of cases) {
      const e = errorOf(() => parseSafetensors(rawFile(JSON.stringify({ t: entry }), [f32([1])])));
      expect(e.kind, message).toBe('bad-entry');
      expect(e.message).toContain(message);
    }
  });

  it('lists every malformed entry in one message: the first five, then a count', () => {
    const header = Object.fromEntries(
      Array.from({ length: 7 }, (_, i) => [`t${i}`, { dtype: 'Q4', shape: [1], data_offsets: [0, 1] }])
    );
    const e = errorOf(() => parseSafetensors(rawFile(JSON.stringify(header), [new Uint8Array(1)])));
    expect(e.message).toMatch(/^7 header entries are malformed: tensor "t0": unknown dtype "Q4"/);
    expect(e.message).toContain('tensor "t4"');
    expect(e.message).not.toContain('tensor "t5"');
    expect(e.message).toMatch(/; and 2 more$/);
  });

  it('refuses __metadata__ that is not a map of text, as the format defines it', () => {
    const e = errorOf(() => parseSafetensors(rawFile(JSON.stringify({ __metadata__: { format: 1 } }))));
    expect(e.message).toBe('__metadata__: its entry "format" is 1, not text');
  });

  it('prints byte counts as exact integers with units, past 2^53 too', () => {
    // Header length 2^60 = 1152921504606846976, written as the u64 the format uses.
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 2n ** 60n, true);
    expect(errorOf(() => parseSafetensors(huge.buffer)).message).toBe(
      'not a safetensors file: header length 1152921504606846976 bytes is implausible'
    );
    // Shape [2^30, 2^30, 2^22] of F32: 2^82 values x 4 bytes = 2^84 = 19342813113834066795298816 bytes.
    const big = rawFile(
      JSON.stringify({ w: { dtype: 'F32', shape: [2 ** 30, 2 ** 30, 2 ** 22], data_offsets: [0, 4] } }),
      [f32([1])]
    );
    expect(errorOf(() => parseSafetensors(big)).message).toBe(
      'tensor "w": shape [1073741824, 1073741824, 4194304] of F32 needs 19342813113834066795298816 bytes but data_offsets span 4 bytes'
    );
  });

  it('escapes and shortens tensor names and values echoed from the file', () => {
    const name = `a\u001b[31m${'x'.repeat(200)}`;
    const e = errorOf(() =>
      parseSafetensors(rawFile(JSON.stringify({ [name]: { dtype: 'F32', shape: [1], data_offsets: [0] } })))
    );
    expect(e.message).not.toContain('\u001b');
    expect(e.message).toMatch(/^tensor "a\\x1b\[31mxxx/);
    expect(e.message).toContain(`…" (${name.length} characters): data_offsets [0] is not [begin, end]`);
    // As JSON: 10,000 times "1," then "-1" and two brackets, 20,004 characters.
    const long = [...Array.from({ length: 10_000 }, () => 1), -1];
    const e2 = errorOf(() =>
      parseSafetensors(rawFile(JSON.stringify({ w: { dtype: 'F32', shape: long, data_offsets: [0, 4] } })))
    );
    expect(e2.message).toMatch(/^tensor "w": shape "\[1,1,1,.*…" \(20,004 characters\) is not a list/);
    expect(e2.message.length).toBeLessThan(200);
  });

  it('refuses gaps between tensors, before the first and after the last, as the format forbids', () => {
    const entry = (a: number, b: number) => ({ dtype: 'F32', shape: [1], data_offsets: [a, b] });
    const gap = rawFile(JSON.stringify({ a: entry(0, 4), b: entry(8, 12) }), [f32([1, 2, 3])]);
    const g = errorOf(() => parseSafetensors(gap));
    expect(g.kind).toBe('bad-offsets');
    expect(g.message).toBe(
      'there is a gap of 4 bytes between tensor "a" and tensor "b"; safetensors stores tensors back to back'
    );
    const lead = rawFile(JSON.stringify({ a: entry(4, 8) }), [f32([1, 2])]);
    expect(errorOf(() => parseSafetensors(lead)).message).toMatch(
      /gap of 4 bytes between the header and tensor "a"/
    );
    const tail = rawFile(JSON.stringify({ a: entry(0, 4) }), [f32([1, 2])]);
    expect(errorOf(() => parseSafetensors(tail)).message).toBe(
      'the file has 4 bytes after tensor "a" that no tensor uses'
    );
  });

  it('names both tensors of an overlap and by how much', () => {
    const buf = rawFile(
      JSON.stringify({
        a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
        b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] }
      }),
      [f32([1, 2, 3])]
    );
    expect(errorOf(() => parseSafetensors(buf)).message).toBe('tensor "b" overlaps tensor "a" by 4 bytes');
  });

  it('accepts zero-size tensors and an empty file the reference writer produces', () => {
    // safetensors' own serialisation of no tensors: length 8, "{}" padded with six spaces.
    const empty = new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]).buffer;
    expect(parseSafetensors(empty).tensors).toEqual([]);
    const file = parseSafetensors(
      writeSafetensors([
        ['z', { dtype: 'F32', shape: [0, 3], bytes: new Uint8Array(0) }],
        ['a', { dtype: 'F32', shape: [1], bytes: f32([5]) }]
      ])
    );
    expect(file.tensors.map((t) => t.name)).toEqual(['z', 'a']);
  });
});
