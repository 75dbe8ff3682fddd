/**
 * Item 9 of issue 10: which WebGL renderers are software (so "auto" prefers wasm), and the forecast
 * arithmetic, checked against renderer strings browsers report and durations worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { softwareReason, softwareRenderer } from '../../src/lib/exec/renderer';
import {
  type SpeedBook,
  estimateSeconds,
  forecast,
  formatDuration,
  formatSpeed,
  readSpeeds,
  recordRun,
  writeSpeeds
} from '../../src/lib/exec/speed';

describe('software renderers', () => {
  it.each([
    // Headless Chromium here (ANGLE over SwiftShader), and older Chromium's plain name.
    [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'SwiftShader'
    ],
    ['Google SwiftShader', 'SwiftShader'],
    // Mesa's CPU drivers on Linux, with and without the vendor prefix.
    ['llvmpipe (LLVM 15.0.6, 256 bits)', 'llvmpipe'],
    ['Mesa/X.org, llvmpipe (LLVM 12.0.0, 256 bits)', 'llvmpipe'],
    ['softpipe', 'softpipe'],
    ['ANGLE (Mesa, lavapipe (LLVM 14.0.6, 256 bits), Vulkan 1.2)', 'lavapipe'],
    // Windows without a GPU driver (WARP) and macOS's fallback.
    [
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Microsoft Basic Render Driver'
    ],
    ['Apple Software Renderer', 'software']
  ])('%s is software (%s)', (renderer, name) => {
    expect(softwareRenderer(renderer)).toBe(name);
  });

  it.each([
    'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
    'AMD Radeon Pro 5500M OpenGL Engine',
    'Apple M1',
    'Adreno (TM) 650',
    'Mali-G78'
  ])('%s is a GPU', (renderer) => {
    expect(softwareRenderer(renderer)).toBeNull();
  });

  it('no renderer string is not called software', () => {
    expect(softwareRenderer(null)).toBeNull();
    expect(softwareRenderer('')).toBeNull();
  });

  it('the reason names the renderer once, with the way back to WebGL', () => {
    const r = 'Google SwiftShader';
    const text = softwareReason(r, 'SwiftShader');
    expect(text).toBe(
      'WebGL renders on the CPU here (SwiftShader: Google SwiftShader), where wasm is faster (choose webgl above to use it anyway)'
    );
  });
});

describe('forecast arithmetic', () => {
  // ResNet-18 at 64x64 is 148.57 M mult-adds (torchinfo's published summary); say it took 0.4 s.
  const r18 = { macs: 148.57e6, seconds: 0.4 };

  it('scales the last run time by the ratio of MACs', () => {
    // 21.4 G MACs at 148.57 M per 0.4 s: 21.4e9 * 0.4 / 148.57e6 = 57.616 s.
    expect(estimateSeconds(21.4e9, r18)).toBeCloseTo(57.616, 3);
    expect(estimateSeconds(148.57e6, r18)).toBeCloseTo(0.4, 12);
  });

  it.each([
    [57.616, 'about 58 s'],
    [1.234, 'about 1.2 s'],
    [9.96, 'about 10 s'],
    [0.04, 'about 0.1 s'],
    [120, 'about 2 min'],
    [125.4, 'about 2 min 5 s']
  ])('%f s reads "%s"', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  it('speeds read in MMAC/s or GMAC/s to two figures', () => {
    // 148.57e6 / 0.4 = 371.4 M per second; 4.09e9 / 2.5 = 1.636 G per second.
    expect(formatSpeed(r18)).toBe('370 MMAC/s');
    expect(formatSpeed({ macs: 4.09e9, seconds: 2.5 })).toBe('1.6 GMAC/s');
  });

  it('forecasts long runs only, on the backend the preference would use', () => {
    const book: SpeedBook = { speeds: { wasm: r18 }, auto: 'wasm' };
    const f = forecast(book, 'auto', 21.4e9);
    expect(f).toEqual({
      backend: 'wasm',
      seconds: expect.closeTo(57.616, 3),
      text: 'about 58 s on wasm',
      basis: 'the last wasm run went at 370 MMAC/s'
    });
    expect(forecast(book, 'wasm', 21.4e9)?.backend).toBe('wasm');
    // No measured webgl run; and 1 s (371.4 M MACs) is short.
    expect(forecast(book, 'webgl', 21.4e9)).toBeNull();
    expect(forecast(book, 'wasm', 371.4e6)).toBeNull();
    expect(forecast({ speeds: { wasm: r18 } }, 'auto', 21.4e9)).toBeNull();
  });

  it('records per backend, remembers what auto chose, and survives bad storage', () => {
    let book: SpeedBook = { speeds: {} };
    book = recordRun(book, 'wasm', r18, true);
    book = recordRun(book, 'webgl', { macs: 148.57e6, seconds: 7.5 }, false);
    expect(book).toEqual({ speeds: { wasm: r18, webgl: { macs: 148.57e6, seconds: 7.5 } }, auto: 'wasm' });
    // A run that measured nothing is not kept.
    expect(recordRun(book, 'cpu', { macs: 0, seconds: 1 }, true)).toBe(book);
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v)
    };
    writeSpeeds(storage, book);
    expect(readSpeeds(storage)).toEqual(book);
    store.set('archscope.live-speed', '{"speeds":{"wasm":{"macs":-1,"seconds":2}},"auto":"gpu"}');
    expect(readSpeeds(storage)).toEqual({ speeds: {} });
    store.set('archscope.live-speed', 'not json');
    expect(readSpeeds(storage)).toEqual({ speeds: {} });
    expect(readSpeeds(null)).toEqual({ speeds: {} });
  });
});
