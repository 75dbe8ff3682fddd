import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, overridesOf, presetBase } from '../../src/lib/state/url';
import { analyze } from '../../src/lib/models/analyze';

const decode = (q: string) => decodeState(new URLSearchParams(q));

describe('URL state', () => {
  it('writes only the keys that differ from the preset', () => {
    const base = presetBase('resnet50');
    expect(encodeState({ preset: 'resnet50', input: [512, 384], config: base.config })).toBe(
      'preset=resnet50&input=512x384'
    );
    const q = encodeState({
      preset: 'resnet50',
      input: [224, 224],
      config: { ...base.config, style: 'slim', outputStride: 8 }
    });
    expect(q).toBe('preset=resnet50&input=224x224&style=slim&outputStride=8');
  });

  it('round-trips depth changes and custom layers', () => {
    const base = presetBase('resnet50').config;
    const d101 = decode('preset=resnet50&depth=101').state.config;
    // torchvision resnet101: layers [3, 4, 23, 3].
    expect(d101.layers).toEqual([3, 4, 23, 3]);
    expect(overridesOf('resnet50', d101)).toEqual([['depth', '101']]);
    const custom = decode('preset=resnet50&layers=2,3,4,5').state.config;
    expect(custom.depth).toBe(0);
    const again = decode(encodeState({ preset: 'resnet50', input: [224, 224], config: custom })).state.config;
    expect(again).toEqual(custom);
    expect(base.depth).toBe(50);
  });

  it('reads a permalink: seed 002 RetinaNet at 512x512 has 49104 anchors', () => {
    const { state, problems } = decode('preset=retinanet_slim_v2_50&input=512x512');
    expect(problems).toEqual([]);
    // (64^2 + 32^2 + 16^2 + 8^2 + 4^2) x 9 = 49104 (seed 002).
    expect(analyze(state.config, state.input).anchors?.total).toBe(49104);
  });

  it('reports each malformed parameter and keeps the rest', () => {
    const { state, problems } = decode('preset=nope&input=abc&depth=77&style=slim&bogus=1');
    expect(problems.map((p) => p.param)).toEqual(['preset', 'input', 'depth', 'bogus']);
    expect(problems[0].message).toContain('preset "nope" is not known');
    expect(problems[1].message).toContain('input "abc" is not allowed');
    expect(problems[2].message).toContain('depth="77" is not allowed');
    expect(state.preset).toBe('resnet50');
    expect(state.input).toEqual([224, 224]);
    expect(state.config.style).toBe('slim');
    expect(state.config.depth).toBe(50);
  });

  it('refuses a combination the schema forbids, with its message', () => {
    const { state, problems } = decode('preset=pspnet_r50&neck=fpn');
    expect(problems[0].message).toContain('head=pspnet reads C5 directly');
    expect(state.config.neck).toBe('none');
  });
});
