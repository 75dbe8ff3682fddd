/**
 * The shapes CLI as a user runs it: one process per case (about 1 s each), started together.
 * tsx is run from node_modules directly rather than through npx, so npm's own warnings
 * (e.g. about user config) cannot mix into the stderr these tests read.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../src/lib/models/schema';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = `${ROOT}node_modules/tsx/dist/cli.mjs`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function shapes(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TSX, 'src/cli/shapes.ts', ...args],
      { cwd: ROOT, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      }
    );
  });
}

const CASES = {
  json: ['--preset', 'retinanet_slim_v2_50', '--input', '512x512', '--json'],
  badPreset: ['--preset', 'resnet51'],
  badSet: ['--preset', 'resnet50', '--set', 'outputStride=4'],
  badInput: ['--preset', 'resnet50', '--input', '0x512'],
  help: ['--help']
};
const runs = {} as Record<keyof typeof CASES, Run>;

beforeAll(async () => {
  const keys = Object.keys(CASES) as Array<keyof typeof CASES>;
  const results = await Promise.all(keys.map((k) => shapes(CASES[k])));
  keys.forEach((k, i) => (runs[k] = results[i]));
});

describe('shapes --json', () => {
  it('prints exactly one JSON object with the report schema', () => {
    const { code, stdout, stderr } = runs.json;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual(
      ['anchors', 'diagnostics', 'input', 'layers', 'preset', 'taps', 'totals'].sort()
    );
    expect(report.preset).toBe('retinanet_slim_v2_50');
    expect(report.input).toEqual([1, 3, 512, 512]);
  });

  it("gives seed 002's 49104 anchors and its block shapes", () => {
    const report = JSON.parse(runs.json.stdout);
    // (64^2 + 32^2 + 16^2 + 8^2 + 4^2) * 9 = 5456 * 9 = 49104 (seed 002).
    expect(report.anchors.total).toBe(49104);
    expect(report.anchors.perLocation).toBe(9);
    expect(report.taps.C5.shape).toEqual([1, 2048, 16, 16]);
    expect(report.taps.P3.shape).toEqual([1, 256, 64, 64]);
  });
});

describe('bad input exits with code 2 and one line naming the bad value', () => {
  const cases: Array<[keyof typeof CASES, string]> = [
    ['badPreset', 'resnet51'],
    ['badSet', 'outputStride=4'],
    ['badInput', '0x512']
  ];
  for (const [name, bad] of cases) {
    it(`${name}: ${bad}`, () => {
      const { code, stdout, stderr } = runs[name];
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(bad);
      expect(stderr).not.toMatch(/\n\s+at |Error:/);
    });
  }
});

describe('shapes --help', () => {
  it('lists every config key', () => {
    const { code, stdout } = runs.help;
    expect(code).toBe(0);
    for (const spec of CONFIG_KEYS) expect(stdout, spec.key).toMatch(new RegExp(`^\\s+${spec.key}\\s`, 'm'));
  });
});
