/**
 * The code exports as files: the safetensors key list against torchvision's own state_dict keys
 * (tests/fixtures/torchvision/state_dict_keys.json, written by scripts/fixtures/whole_models.py), the
 * permalink in the headers, and `archscope --emit` run from the source.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keyListUnavailable, toKeyList } from '../../src/lib/export/keys';
import { toPyTorch } from '../../src/lib/export/pytorch';
import { analyze } from '../../src/lib/models/analyze';
import { resolveConfig } from '../../src/lib/models/resolve';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const torchvision = JSON.parse(
  readFileSync(join(ROOT, 'tests/fixtures/torchvision/state_dict_keys.json'), 'utf8')
) as { models: Record<string, Record<string, number[]>> };

function exported(preset: string, sets: Array<[string, string]> = [], site: string | null = null) {
  const r = resolveConfig(preset, null, sets);
  if (!r.ok) throw new Error(r.errors.join('; '));
  const a = analyze(r.value.config, r.value.input);
  return { a, src: { preset, input: r.value.input, config: r.value.config, site } };
}

describe('safetensors key list', () => {
  it.each(['resnext50_32x4d', 'maskrcnn_resnet50_fpn_v2', 'fcos_resnet50_fpn', 'deeplabv3_resnet50'])(
    "%s: torchvision's state_dict keys and shapes, one tensor per line",
    (preset) => {
      const { a, src } = exported(preset);
      const text = toKeyList(a, src);
      const doc = JSON.parse(text);
      const theirs = Object.entries(torchvision.models[preset]).filter(
        ([k]) => !k.endsWith('num_batches_tracked')
      );
      expect(doc.keys).toEqual(Object.fromEntries(theirs));
      expect(doc.count).toBe(theirs.length);
      expect(text).toContain(`"${theirs[0][0]}": [${theirs[0][1].join(', ')}]`);
    }
  );

  it('a TF-slim configuration has none, and says why', () => {
    const { a, src } = exported('slim_resnet_v2_50');
    expect(keyListUnavailable(a)).toMatch(/TF-slim/);
    expect(() => toKeyList(a, src)).toThrow(/TF-slim/);
  });
});

describe('headers', () => {
  it("name the permalink on the site's address and the CLI command with the changed keys", () => {
    const { a, src } = exported('fcos_resnet50_fpn', [['classes', '3']], 'https://example.org/archscope/');
    const py = toPyTorch(a, src);
    expect(py).toContain(
      '# Permalink: https://example.org/archscope/?preset=fcos_resnet50_fpn&input=800x1333&classes=3\n'
    );
    expect(py).toContain(
      '# CLI: npx archscope --preset fcos_resnet50_fpn --input 800x1333 --set classes=3 --emit pytorch\n'
    );
    // 3 classes change the class logits, so torchvision's fcos_resnet50_fpn weights no longer fit.
    expect(py).not.toContain('load_state_dict');
    expect(JSON.parse(toKeyList(a, src)).permalink).toBe(
      'https://example.org/archscope/?preset=fcos_resnet50_fpn&input=800x1333&classes=3'
    );
  });
});

describe('an input too small for the model', () => {
  it('still exports: the layer widths come from a size the model accepts', () => {
    // The Caffe stem pool empties C5 below 3x3 (diagnostics.test.ts).
    const r = resolveConfig('resnet50_caffe', '2x2', []);
    if (!r.ok) throw new Error(r.errors.join('; '));
    const a = analyze(r.value.config, r.value.input);
    expect(a.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const py = toPyTorch(a, {
      preset: 'resnet50_caffe',
      input: r.value.input,
      config: r.value.config,
      site: null
    });
    // torchvision's resnet50 (the Caffe placement moves strides, not widths): fc = Linear(2048, 1000).
    expect(py).toContain("_put(self, 'fc', nn.Linear(2048, 1000))");
    expect(py).toMatch(/^# {5}C5 +n\/a$/m);
  });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
const cli = (args: string[]) =>
  new Promise<Run>((resolve) =>
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['src/cli/shapes.ts', ...args],
      { cwd: ROOT, timeout: 90_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? -1) : 0, stdout, stderr })
    )
  );

describe('archscope --emit', () => {
  it('pytorch prints the file, keys the key list; a model without keys and a bad value exit 2', async () => {
    const [py, keys, slim, bad] = await Promise.all([
      cli(['--preset', 'resnet18', '--input', '65x65', '--emit', 'pytorch']),
      cli(['--preset', 'resnext50_32x4d', '--emit', 'keys']),
      cli(['--preset', 'slim_resnet_v2_50', '--emit', 'keys']),
      cli(['--preset', 'resnet18', '--emit', 'onnx'])
    ]);
    expect(py.code).toBe(0);
    expect(py.stdout).toMatch(/^# ResNet-18 as a PyTorch nn.Module/);
    expect(py.stdout).toContain('\ndef build_model():\n');
    // torchvision resnet18: 11,689,512 parameters.
    expect(py.stdout).toContain('# Parameters: 11,689,512');
    expect(keys.code).toBe(0);
    expect(JSON.parse(keys.stdout).count).toBe(
      Object.keys(torchvision.models.resnext50_32x4d).filter((k) => !k.endsWith('num_batches_tracked')).length
    );
    expect(slim.code).toBe(2);
    expect(slim.stdout).toBe('');
    expect(slim.stderr).toMatch(
      /^archscope: --emit keys: TF-slim and pre-activation ResNets have no torchvision/
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'archscope: --emit needs one of pytorch, keys, e.g. --emit pytorch (got "onnx")\n'
    );
  });
});
