/**
 * The `archscope` command as a user runs it: the bin (plain node, no tsx) on a bundle built from the
 * current source first, one process per case, started together. One case goes through `npx
 * archscope`, the README's form, to show that its stdout is the JSON alone (npm run prints a banner).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../../src/lib/models/schema';
import { hasControl } from './control-chars';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/archscope.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, timeout: 90_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const archscope = (args: string[]) => run(process.execPath, [BIN, ...args]);

const CASES = {
  json: ['--preset', 'retinanet_slim_v2_50', '--input', '512x512', '--json'],
  badPreset: ['--preset', 'resnet51'],
  badSet: ['--preset', 'resnet50', '--set', 'outputStride=4'],
  badInput: ['--preset', 'resnet50', '--input', '0x512'],
  help: ['--help'],
  escape: ['--set', 'depth=\x1b[31mRED\r\nnext'],
  longList: ['--preset', 'pspnet_r50', '--set', `bins=${Array(10_000).fill('2').join(',')}`],
  binary: ['--preset', 'pspnet_r50', '--set', 'bins=0b11'],
  unknownArg: ['--jsno\x07'],
  fromConfig: [
    '--from',
    'tests/fixtures/configs/detectron2/Base-RetinaNet.yaml',
    '--from',
    'tests/fixtures/configs/detectron2/COCO-Detection/retinanet_R_50_FPN_1x.yaml',
    '--set',
    'classes=20',
    '--json'
  ],
  fromMissingBase: ['--from', 'tests/fixtures/configs/mmdet/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py'],
  scales: [
    '--preset',
    'retinanet_resnet50_fpn_backbone',
    '--input',
    '512x512',
    '--set',
    'anchorScales=2^0,2^(1/3),2^(2/3)',
    '--json'
  ],
  erf: ['--preset', 'resnet18', '--input', '64x64', '--erf', 'C2', '--samples', '2', '--json'],
  erfCell: ['--preset', 'resnet18', '--input', '64x64', '--erf', 'C2', '--cell', '0,15', '--samples', '1'],
  erfBadTap: ['--preset', 'resnet18', '--input', '64x64', '--erf', 'P9\x1b'],
  erfBadCell: ['--preset', 'resnet18', '--input', '64x64', '--erf', 'C2', '--cell', '16,0'],
  erfBadSamples: ['--erf', 'C2', '--samples', '0x10'],
  cellAlone: ['--cell', '1,2']
};
const runs = {} as Record<keyof typeof CASES | 'npx', Run>;

beforeAll(async () => {
  // The bin runs build-cli/shapes.mjs: rebuild it so these cases test the source as it is now.
  const build = await run(process.execPath, [
    join(ROOT, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'vite.cli.config.ts',
    '--logLevel',
    'error'
  ]);
  expect(build.stderr).toBe('');
  expect(build.code).toBe(0);
  const keys = Object.keys(CASES) as Array<keyof typeof CASES>;
  const [npx, ...results] = await Promise.all([
    run('npx', ['--offline', 'archscope', '--preset', 'resnet50', '--input', '224x224', '--json']),
    ...keys.map((k) => archscope(CASES[k]))
  ]);
  runs.npx = npx;
  keys.forEach((k, i) => (runs[k] = results[i]));
  // A build and a dozen processes on a shared machine: well past the 10 s default.
}, 180_000);

describe('the archscope bin', () => {
  it('is declared in package.json and runs with plain node', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ archscope: 'bin/archscope.js' });
    expect(readFileSync(BIN, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(runs.help.code).toBe(0);
  });

  it('npx archscope ... --json prints one JSON object on stdout, as jq needs', () => {
    const { code, stdout } = runs.npx;
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    // torchvision resnet50 at 224x224: 25,557,032 parameters, C5 2048x7x7.
    expect(report.totals.params).toBe(25_557_032);
    expect(report.taps.C5.shape).toEqual([1, 2048, 7, 7]);
  });

  it('says how to build the bundle when it is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archscope-bin-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BIN, join(dir, 'bin/archscope.js'));
    const { code, stdout, stderr } = await run(process.execPath, [join(dir, 'bin/archscope.js'), '--help']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('run `npm run build:cli`');
  });
});

describe('archscope --json', () => {
  it('prints exactly one JSON object with the report schema', () => {
    const { code, stdout, stderr } = runs.json;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual(
      ['anchors', 'diagnostics', 'input', 'layers', 'preset', 'regions', 'taps', 'totals', 'transform'].sort()
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
    ['badPreset', 'preset "resnet51" is not known'],
    ['badSet', 'outputStride="4" is not allowed'],
    ['badInput', 'input "0x512" is not allowed'],
    ['escape', 'depth="\\x1b[31mRED\\r\\nnext" is not allowed'],
    ['longList', '(19,999 characters)'],
    ['binary', 'bins="0b11" is not allowed: item 1, "0b11", is not a decimal integer'],
    ['unknownArg', 'unknown argument "--jsno\\x07"'],
    [
      'erfBadTap',
      '--erf "P9\\x1b": not a tap of this model with a fixed receptive field; choose one of C1, stem'
    ],
    ['erfBadCell', '--cell 16,0: C2 is 16x16, so rows 0..15 and columns 0..15'],
    ['erfBadSamples', '--samples needs a whole number from 1 to 256 (got "0x10")'],
    ['cellAlone', '--cell goes with --erf TAP']
  ];
  for (const [name, bad] of cases) {
    it(`${name}: ${bad}`, () => {
      const { code, stdout, stderr } = runs[name];
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(bad);
      expect(lines[0]).toMatch(/^archscope: /);
      expect(hasControl(lines[0])).toBe(false);
      expect(stderr).not.toMatch(/\n\s+at |Error:/);
    });
  }
});

describe('a 10,000-item list', () => {
  it('gives a short line: the echoed value is cut to 60 characters (before: 49,000)', () => {
    expect(runs.longList.stderr.trimEnd().length).toBeLessThan(250);
  });
});

describe('archscope --help', () => {
  it('lists every config key', () => {
    const { code, stdout } = runs.help;
    expect(code).toBe(0);
    for (const spec of CONFIG_KEYS) expect(stdout, spec.key).toMatch(new RegExp(`^\\s+${spec.key}\\s`, 'm'));
  });
});

describe('--set anchorScales as --help writes them', () => {
  it('2^0,2^(1/3),2^(2/3) on RetinaNet at 512x512: 9 anchors per location, 49,104 in all', () => {
    const { code, stdout, stderr } = runs.scales;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    // 3 scales x 3 ratios; P3..P7 at 64, 32, 16, 8, 4: (4096 + 1024 + 256 + 64 + 16) x 9 = 49104.
    expect(report.anchors.perLocation).toBe(9);
    expect(report.anchors.total).toBe(49_104);
  });
});

describe('--from FILE (repeatable): a detectron2 config and its base, with --set on top', () => {
  it('prints the imported model on stdout and the import report on stderr', () => {
    const { code, stdout, stderr } = runs.fromConfig;
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.preset).toBe('retinanet_resnet50_fpn');
    // 37,915,572 for 80 classes (tests/unit/import-detectron2.test.ts); 20 classes drop the class
    // logits from Conv2d(256, 9 x 80, 3) to Conv2d(256, 9 x 20, 3): 60 x 9 x (2304 + 1) fewer.
    expect(report.totals.params).toBe(37_915_572 - 540 * 2305);
    expect(stderr).toMatch(
      /^imported detectron2 YAML: tests\/fixtures\/configs\/detectron2\/Base-RetinaNet\.yaml <- /
    );
    expect(stderr).toContain('mapped   MODEL.RESNETS.DEPTH = 50  ->  depth=50');
  });
  it('a missing base is one line naming the file', () => {
    const { code, stdout, stderr } = runs.fromMissingBase;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      'archscope: cannot import "faster-rcnn_r50_fpn_1x_coco.py": "faster-rcnn_r50_fpn_1x_coco.py", line 1 names the base "../_base_/models/faster-rcnn_r50_fpn.py", which is missing: add that file too (drop it, or give another --from)'
    ]);
  });
});

describe('--erf TAP: the effective receptive field of one cell', () => {
  it('adds erf { tap, cell, theoretical { size, start }, squares, centre } to the JSON', () => {
    const { code, stdout, stderr } = runs.erf;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { erf, taps } = JSON.parse(stdout);
    expect(Object.keys(erf).sort()).toEqual([
      'cell',
      'centre',
      'ratios',
      'samples',
      'squares',
      'tap',
      'theoretical'
    ]);
    // ResNet-18 at 64x64: C2 is 16x16, so the centre cell is (8, 8). Its field by hand: conv1 7, the
    // max-pool 7 + 2 x 2 = 11 at stride 4, layer1's four 3x3 convs 11 + 4 x 2 x 4 = 43. With the paddings
    // cell 0 is centred on pixel 0, so cell 8 on 32, and the field starts at 32 - 21 = 11.
    expect(erf).toMatchObject({ tap: 'C2', cell: [8, 8], samples: 2 });
    expect(erf.theoretical).toEqual({ size: [43, 43], start: [11, 11], stride: [4, 4], centre: [32, 32] });
    expect(taps.C2.rf).toEqual([43, 4]);
    const sides = ['20', '50', '90', '99'].map((k) => erf.squares[k]);
    for (let i = 1; i < 4; i++) expect(sides[i]).toBeGreaterThanOrEqual(sides[i - 1]);
    // The gradient lives inside the theoretical field: a centred square of its side holds all of it.
    expect(sides[3]).toBeLessThanOrEqual(43);
    expect(erf.ratios['99']).toBeCloseTo(sides[3] / 43, 4);
    // Its centre of mass lies within the field, near its centre (random weights are not symmetric).
    for (const v of erf.centre) expect(Math.abs(v - 32)).toBeLessThan(10);
  });

  it('prints one more line in the table form, for a chosen cell', () => {
    const { code, stdout, stderr } = runs.erfCell;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^effective field of C2 cell \(0, 15\), 1 seeded-noise samples: 20 % in \d+ px, 50 % in \d+ px, 90 % in \d+ px, 99 % in \d+ px of the 43 px theoretical field centred at \(0, 60\)/
    );
  });
});
