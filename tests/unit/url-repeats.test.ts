import { describe, expect, it } from 'vitest';
import { hasControl } from './control-chars';
import { decodeQuery } from '../../src/lib/state/url';
import { sideProblems, splitCompare } from '../../src/lib/state/compare-url';

describe('a key given more than once: the last one applies, with a notice naming the key', () => {
  it('a 100 kB permalink of 11,112 depth=50 pairs decodes to depth 50 with one notice', () => {
    const search = Array(11_112).fill('depth=50').join('&');
    expect(search.length).toBe(11_112 * 'depth=50&'.length - 1);
    const { state, problems } = decodeQuery(search);
    // torchvision resnet50: [3, 4, 6, 3] bottleneck units.
    expect(state.config.depth).toBe(50);
    expect(state.config.layers).toEqual([3, 4, 6, 3]);
    expect(problems).toHaveLength(1);
    expect(problems[0].param).toBe('depth');
    expect(problems[0].ignored).toBe(11_111);
    expect(problems[0].message).toBe(
      '"depth" is given 11,112 times; the last, "50", applies (a later value overrides an earlier one, as with --set on the command line) and the other 11,111 are ignored'
    );
  });

  it('preset=resnet18&preset=pspnet_r50 uses pspnet_r50 and says so', () => {
    const { state, problems } = decodeQuery('preset=resnet18&preset=pspnet_r50');
    expect(state.preset).toBe('pspnet_r50');
    expect(problems).toHaveLength(1);
    expect(problems[0].param).toBe('preset');
    expect(problems[0].message).toContain('"preset" is given 2 times; the last, "pspnet_r50", applies');
    expect(problems[0].message).toContain('the other one is ignored');
  });

  it('the kept copy keeps its place: depth=101&layers=2,2,2,2&depth=50 ends at depth 50', () => {
    const { state, problems } = decodeQuery('depth=101&layers=2,2,2,2&depth=50');
    expect(state.config.depth).toBe(50);
    expect(state.config.layers).toEqual([3, 4, 6, 3]);
    expect(problems.map((p) => p.param)).toEqual(['depth']);
  });

  it('a bad last copy is reported as well, and the preset value stays', () => {
    const { state, problems } = decodeQuery('preset=resnet50&depth=101&depth=77');
    expect(state.config.depth).toBe(50);
    expect(problems.map((p) => p.param)).toEqual(['depth', 'depth']);
    expect(problems[1].message).toContain('depth="77" is not allowed');
    expect(problems.reduce((n, p) => n + (p.ignored ?? 1), 0)).toBe(2);
  });

  it('thousands of distinct unknown keys are each reported, and nothing else changes', () => {
    const search = Array.from({ length: 11_112 }, (_, i) => `k${i}=1`).join('&') + '&style=slim';
    const { state, problems } = decodeQuery(search);
    expect(problems).toHaveLength(11_112);
    expect(problems[5].message).toContain('unknown key "k5"');
    expect(state.config.style).toBe('slim');
  });
});

describe('echoed parameters are quoted', () => {
  it('an escape sequence or a newline in a key or value is written out', () => {
    const { problems } = decodeQuery('depth=%1B%5B31mRED&x%0Ay=1&preset=a%0D%0Ab');
    expect(problems).toHaveLength(3);
    for (const p of problems) expect(hasControl(p.message)).toBe(false);
    expect(problems[0].message).toContain('preset "a\\r\\nb" is not known');
    expect(problems[1].message).toContain('depth="\\x1b[31mRED" is not allowed');
    expect(problems[2].message).toContain('unknown key "x\\ny"');
  });

  it('a repeated key with a 50,000-character value gives a short notice', () => {
    const huge = '7'.repeat(50_000);
    const { problems } = decodeQuery(`depth=${huge}&depth=${huge}`);
    for (const p of problems) expect(p.message.length).toBeLessThan(400);
    expect(problems[0].message).toContain('(50,000 characters)');
  });
});

describe('compare links', () => {
  const DEFAULTS = { a: 'preset=resnet50', b: 'preset=resnet50&style=slim' };

  it('an unencoded side: input=64x64 is reported with the encoded link that carries it', () => {
    const { a, b, problems } = splitCompare('a=preset=resnet18&input=64x64&b=preset=resnet50', DEFAULTS);
    expect(a).toBe('preset=resnet18');
    expect(b).toBe('preset=resnet50');
    expect(problems).toHaveLength(1);
    expect(problems[0].param).toBe('input');
    expect(problems[0].message).toBe(
      '"input=64x64" is outside a and b, so ignored: a compare link carries each side as one URI-encoded query (= as %3D, & as %26); to give it to a, write a=preset%3Dresnet18%26input%3D64x64'
    );
  });

  it('strays after b go with b; strays before both get the general advice', () => {
    const { problems } = splitCompare(
      'style=slim&a=preset=resnet50&b=preset=resnet50&input=64x64&depth=101',
      DEFAULTS
    );
    expect(problems.map((p) => [p.param, p.ignored])).toEqual([
      ['style', 1],
      ['input', 2]
    ]);
    expect(problems[0].message).not.toContain('to give it');
    expect(problems[1].message).toContain('"input=64x64" and 1 more are outside a and b');
    expect(problems[1].message).toContain('write b=preset%3Dresnet50%26input%3D64x64%26depth%3D101');
  });

  it('an encoded link has no problems, and a missing side takes the default', () => {
    const { a, b, problems } = splitCompare(
      `a=${encodeURIComponent('preset=resnet18&input=64x64')}`,
      DEFAULTS
    );
    expect(a).toBe('preset=resnet18&input=64x64');
    expect(b).toBe(DEFAULTS.b);
    expect(problems).toEqual([]);
  });

  it('a repeated side: the last one applies, with the notice', () => {
    const { a, problems } = splitCompare('a=preset%3Dresnet18&a=preset%3Dresnet34', DEFAULTS);
    expect(a).toBe('preset=resnet34');
    expect(problems[0].message).toContain('"a" is given 2 times');
  });

  it("a side's own problems say which side", () => {
    const named = sideProblems('B', decodeQuery('bogus=1').problems);
    expect(named[0].param).toBe('b: bogus');
    expect(named[0].message).toMatch(/^B: unknown key "bogus"/);
  });
});
