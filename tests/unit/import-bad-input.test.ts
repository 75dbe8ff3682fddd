/**
 * Bad input to "Import config": each is a clear message in the user's terms, never an exception,
 * and nothing in the input is executed or even read past the size limit.
 */
import { describe, expect, it } from 'vitest';
import { importConfig, MAX_FILE_BYTES } from '../../src/lib/import';
import { fixture, paste } from './import-fixtures';

const errorsOf = (r: ReturnType<typeof importConfig>) => (r.ok ? [] : r.errors);

describe('bad input', () => {
  it('a 10 MB file is refused by its size, before it is parsed', () => {
    const big = 'x = 1\n'.repeat((10 * 1024 * 1024) / 6);
    const r = importConfig([{ name: 'configs/huge_model.py', text: big }]);
    expect(errorsOf(r)).toEqual([
      `"huge_model.py" is 10.0 MB: config files are a few kilobytes and ArchScope reads at most ${MAX_FILE_BYTES / 1024 / 1024}.0 MB per file (a weights file or a log is not a config)`
    ]);
  });

  it('a Python syntax error names the file and the line', () => {
    const r = paste(
      "model = dict(\n    type='FasterRCNN',\n    backbone=dict(type='ResNet' depth=50))\n",
      'broken.py'
    );
    expect(errorsOf(r)).toEqual([`"broken.py", line 3: expected ) to close dict(, found 'depth'`]);
  });

  it('a YAML syntax error names the file and the line', () => {
    const r = paste('MODEL:\n  RESNETS:\n    DEPTH: [50\n  FPN: 1\n', 'broken.yaml');
    expect(errorsOf(r)[0]).toMatch(/^"broken\.yaml", line \d: /);
  });

  it('an import statement is refused with the line and what to use instead', () => {
    const r = paste(
      'from mmengine.config import read_base\n\nwith read_base():\n    from .._base_.models.faster_rcnn_r50_fpn import *\n',
      'new_style.py'
    );
    expect(errorsOf(r)[0]).toContain('"new_style.py", line 1: \'from\' is not allowed');
    expect(errorsOf(r)[0]).toContain("MMEngine's read_base() configs are programs");
  });

  it('a YAML tag that would call Python is refused, naming the tag and the line', () => {
    const r = paste(
      'MODEL:\n  WEIGHTS: !!python/object/apply:os.system ["touch /tmp/archscope-yaml-ran"]\n',
      'evil.yaml'
    );
    expect(errorsOf(r)[0]).toContain('"evil.yaml", line 2: Unresolved tag: !!python/object/apply:os.system');
  });

  it('an eval tag with code outside the safe subset is refused with its line', () => {
    const r = paste(
      'MODEL:\n  ANCHOR_GENERATOR:\n    SIZES: !!python/object/apply:eval ["__import__(\'os\').getcwd()"]\n',
      'evil.yaml'
    );
    expect(errorsOf(r)[0]).toContain('"evil.yaml", line 3: !!python/object/apply:eval');
    expect(errorsOf(r)[0]).toContain('attribute access');
  });

  it('an unknown backbone type lists the supported ones', () => {
    const r = paste("model = dict(type='FasterRCNN', backbone=dict(type='SwinTransformer'))", 'swin.py');
    expect(errorsOf(r)).toEqual([
      "model.backbone.type = 'SwinTransformer' is not a backbone ArchScope builds: use ResNet, ResNetV1c, ResNetV1d or ResNeXt"
    ]);
  });

  it('a missing detectron2 base names the file', () => {
    const r = importConfig([fixture('detectron2/COCO-Detection/retinanet_R_50_FPN_1x.yaml')]);
    expect(errorsOf(r)[0]).toContain('names the base "../Base-RetinaNet.yaml", which is missing');
  });

  it('nothing given, two unrelated configs, mixed families, a base cycle, no model', () => {
    expect(errorsOf(importConfig([]))[0]).toContain('nothing to import');
    const two = importConfig([
      fixture('detectron2/Base-RCNN-FPN.yaml'),
      fixture('detectron2/Base-RetinaNet.yaml')
    ]);
    expect(errorsOf(two)[0]).toContain('2 of these files are not the base of another');
    const mixed = importConfig([
      fixture('detectron2/Base-RCNN-FPN.yaml'),
      fixture('mmdet/_base_/models/retinanet_r50_fpn.py')
    ]);
    expect(errorsOf(mixed)[0]).toContain('mix detectron2 YAML and MMDetection');
    const cycle = importConfig([
      { name: 'a.yaml', text: '_BASE_: "b.yaml"\nMODEL: {}\n' },
      { name: 'b.yaml', text: '_BASE_: "a.yaml"\nMODEL: {}\n' }
    ]);
    expect(errorsOf(cycle)[0]).toContain('cycle');
    expect(errorsOf(paste("optimizer = dict(type='SGD')", 'schedule.py'))[0]).toContain(
      'assign no model = dict(...)'
    );
  });

  it('a YAML document that is not a mapping, and pasted text that is neither', () => {
    expect(errorsOf(paste('- 1\n- 2\n', 'list.yaml'))[0]).toContain(
      'a detectron2 config is a mapping of sections'
    );
    expect(errorsOf(paste('just some words', 'notes.txt'))[0]).toContain(
      'a detectron2 config is a mapping of sections'
    );
  });
});
