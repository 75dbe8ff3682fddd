/** NaN and infinity found from stored bits, for every float dtype (bit patterns decoded by hand). */
import { describe, expect, it } from 'vitest';
import { countNonFinite } from '../../src/lib/weights/finite';
import { parseSafetensors } from '../../src/lib/weights/safetensors';
import { f32, u16, writeSafetensors } from '../fixtures/weights/writer';

function counts(dtype: string, bytes: Uint8Array, lead = 0) {
  const pad: Array<[string, { dtype: string; shape: number[]; bytes: Uint8Array }]> = lead
    ? [['pad', { dtype: 'U8', shape: [lead], bytes: new Uint8Array(lead) }]]
    : [];
  const size = { F32: 4, F64: 8, F16: 2, BF16: 2 }[dtype]!;
  const file = parseSafetensors(
    writeSafetensors([...pad, ['w', { dtype, shape: [bytes.length / size], bytes }]])
  );
  return countNonFinite(file, file.byName.get('w')!);
}

describe('counting NaN and infinite values', () => {
  it('float32: NaN, both infinities; the largest finite value 0x7F7FFFFF is finite', () => {
    const words = new Uint32Array([0x7fc00000, 0x7f800001, 0x7f800000, 0xff800000, 0x7f7fffff, 0x3f800000]);
    expect(counts('F32', new Uint8Array(words.buffer))).toEqual({ nan: 2, inf: 2 });
    expect(counts('F32', f32([0, -0, 1e-45, 3.4e38]))).toEqual({ nan: 0, inf: 0 });
  });

  it('float32 stored at an offset that is not a multiple of 4', () => {
    // A 1-byte tensor in front: w starts at data offset 1.
    expect(counts('F32', f32([NaN, 1, Infinity]), 1)).toEqual({ nan: 1, inf: 1 });
  });

  it('float16: exponent 0x7C00 set; 65504 (0x7BFF) is finite', () => {
    // 0x7E00 quiet NaN, 0x7C01 signalling NaN, 0x7C00 +Inf, 0xFC00 -Inf, 0x7BFF 65504, 0x3C00 1.0.
    expect(counts('F16', u16([0x7e00, 0x7c01, 0x7c00, 0xfc00, 0x7bff, 0x3c00]))).toEqual({ nan: 2, inf: 2 });
  });

  it('bfloat16: float32 exponent in the top 16 bits', () => {
    // 0x7FC0 NaN, 0xFF80 -Inf, 0x7F7F the largest finite (3.39e38), 0x3F80 1.0.
    expect(counts('BF16', u16([0x7fc0, 0xff80, 0x7f7f, 0x3f80]))).toEqual({ nan: 1, inf: 1 });
  });

  it('float64: NaN whose only set fraction bit is in the low word counts as NaN, not infinity', () => {
    const f64 = new Float64Array([NaN, Infinity, -Infinity, 1.7976931348623157e308, 0.5]);
    const words = new Uint32Array(f64.buffer);
    // 0x7FF00000_00000001: exponent all ones, fraction 1 in the low word only.
    const low = new Uint32Array([0x00000001, 0x7ff00000]);
    expect(counts('F64', new Uint8Array(words.buffer))).toEqual({ nan: 1, inf: 2 });
    expect(counts('F64', new Uint8Array(low.buffer))).toEqual({ nan: 1, inf: 0 });
  });
});
