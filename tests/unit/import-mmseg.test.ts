/**
 * MMSegmentation imports: EncoderDecoder configs of the model zoo (PSPNet, DeepLabv3, FCN on
 * Cityscapes and ADE20K) after their `_base_` files are merged. Expected values are read off the config
 * text by hand; the PSPNet count is the golden fixture's (PyTorch) adjusted by hand.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { entry, fixture, imported, importFixtures, paste } from './import-fixtures';
import { loadFixture } from './golden-fixture';

const PSP_BASE = 'mmseg/_base_/models/pspnet_r50-d8.py';
const PSP = 'mmseg/pspnet/pspnet_r50-d8_4xb2-40k_cityscapes-512x1024.py';
const DEEPLAB_BASE = 'mmseg/_base_/models/deeplabv3_r50-d8.py';
const DEEPLAB = 'mmseg/deeplabv3/deeplabv3_r50-d8_4xb2-40k_cityscapes-512x1024.py';

const ok = (r: ReturnType<typeof paste>) => (r.ok ? r.config : r.errors);

describe('pspnet_r50-d8 (Cityscapes, 512x1024) with the norm_cfg it defines once and reuses', () => {
  const r = imported(importFixtures(PSP_BASE, PSP));

  it('maps ResNetV1c, the dilations, PSPHead and the auxiliary FCNHead', () => {
    expect(r.config).toMatchObject({
      depth: 50,
      stem: 'deep',
      avgDown: false,
      outputStride: 8,
      norm: 'bn',
      head: 'pspnet',
      bins: [1, 2, 3, 6],
      pspChannels: 512,
      classes: 19,
      aux: true,
      neck: 'none'
    });
    expect(r.preset).toBe('pspnet_r50');
    // norm_cfg = dict(type='SyncBN', ...) on line 2, read through backbone=dict(norm_cfg=norm_cfg).
    expect(entry(r.report, 'model.backbone.norm_cfg.type')).toMatchObject({
      file: PSP_BASE,
      line: 2,
      outcome: 'mapped',
      detail: 'norm=bn'
    });
    expect(entry(r.report, 'norm_cfg.type').detail).toContain('names it uses are read through it');
    // crop_size = (512, 1024) on line 5 of the child, read through data_preprocessor = dict(size=crop_size).
    expect(entry(r.report, 'model.data_preprocessor.size')).toMatchObject({ file: PSP, outcome: 'mapped' });
    expect(r.input).toEqual([512, 1024]);
    expect(r.report.notes.join()).toContain('align_corners=False');
  });

  it('has the PSPNet golden fixture count with the deep stem and 19 classes', () => {
    const fx = loadFixture<{ params: number }>('pspnet_r50');
    // Deep stem: 3x3 convs 3->32, 32->32, 32->64 and their BN (28,768) instead of 7x7 3->64 and BN (9,536).
    const deepStem = 3 * 9 * 32 + 32 * 9 * 32 + 32 * 9 * 64 + 2 * (32 + 32 + 64);
    const stem = 3 * 49 * 64 + 2 * 64;
    // 1x1 classifiers on 512 (head) and 256 (aux) channels, 19 classes instead of 21.
    const classes = (k: number) => 512 * k + k + 256 * k + k;
    const a = analyze(r.config, r.input);
    expect(a.result.totals.params).toBe(fx.params - stem + deepStem - classes(21) + classes(19));
  });
});

describe("deeplabv3_r50-d8 and fcn_r50-d8 (Cityscapes): mmseg's own ASPPHead and FCNHead", () => {
  const FCN_BASE = 'mmseg/_base_/models/fcn_r50-d8.py';
  const FCN = 'mmseg/fcn/fcn_r50-d8_4xb2-40k_cityscapes-512x1024.py';

  it('ASPPHead maps to head=mmseg_aspp with its channels and dilations, every head key in the report', () => {
    const r = imported(importFixtures(DEEPLAB_BASE, DEEPLAB));
    expect(r.config).toMatchObject({
      head: 'mmseg_aspp',
      segChannels: 512,
      asppDilations: [1, 12, 24, 36],
      classes: 19,
      aux: true,
      stem: 'deep',
      outputStride: 8
    });
    expect(entry(r.report, 'model.decode_head.dilations')).toMatchObject({
      file: DEEPLAB_BASE,
      outcome: 'mapped',
      detail: 'asppDilations=1,12,24,36'
    });
    expect(entry(r.report, 'model.decode_head.channels').detail).toBe('segChannels=512');
    const heads = r.report.entries.filter((e) => /^model\.(decode|auxiliary)_head\./.test(e.key));
    expect(heads.every((e) => e.outcome === 'mapped' || e.outcome === 'ignored')).toBe(true);
    expect(heads.map((e) => e.key)).toContain('model.auxiliary_head.num_convs');
  });

  it('FCNHead maps to head=mmseg_fcn (num_convs=2, concat_input=True); the defaults it does not set are named', () => {
    const r = imported(importFixtures(FCN_BASE, FCN));
    expect(r.config).toMatchObject({
      head: 'mmseg_fcn',
      segChannels: 512,
      fcnConvs: 2,
      fcnConcat: true,
      fcnKernel: 3,
      fcnDilation: 1,
      classes: 19,
      aux: true
    });
    expect(entry(r.report, 'model.decode_head.type').detail).toBe(
      "head=mmseg_fcn, fcnKernel=3, fcnDilation=1 (mmseg's defaults)"
    );
  });

  it("opens at the training crop the config's data preprocessor pads to (crop_size, (h, w))", () => {
    const r = imported(importFixtures(DEEPLAB_BASE, DEEPLAB));
    // The child file: crop_size = (512, 1024); data_preprocessor = dict(size=crop_size).
    expect(r.input).toEqual([512, 1024]);
    expect(entry(r.report, 'model.data_preprocessor.size')).toMatchObject({
      outcome: 'mapped',
      file: DEEPLAB
    });
    // The logits are resized to the input: 19 Cityscapes classes at 512 x 1024.
    const a = analyze(r.config, r.input);
    expect(a.result.stats.get(a.model.graph.taps.out)?.shape).toEqual([1, 19, 512, 1024]);
    const ade = imported(
      importFixtures('mmseg/_base_/models/fcn_r50-d8.py', 'mmseg/fcn/fcn_r50-d8_4xb4-80k_ade20k-512x512.py')
    );
    expect(ade.input).toEqual([512, 512]);
    // The base file alone has no size: the nearest preset's input (deeplabv3_resnet50's 520 x 520).
    expect(imported(importFixtures(DEEPLAB_BASE)).input).toEqual([520, 520]);
  });

  it('ADE20K children set 150 classes on both heads', () => {
    for (const m of ['deeplabv3', 'fcn']) {
      const r = imported(
        importFixtures(
          `mmseg/_base_/models/${m}_r50-d8.py`,
          `mmseg/${m}/${m}_r50-d8_4xb4-80k_ade20k-512x512.py`
        )
      );
      expect(r.config.classes).toBe(150);
    }
  });

  it('refuses values the heads cannot take, naming the key and what is allowed', () => {
    const base = fixture(DEEPLAB_BASE).text;
    const bad = paste(base.replace('dilations=(1, 12, 24, 36)', 'dilations=(1, 0)'), 'aspp-bad.py');
    expect(!bad.ok && bad.errors).toEqual([
      'model.decode_head.dilations = (1, 0) cannot be represented: dilations must be 1 to 8 comma-separated integers from 1 to 128'
    ]);
    const fcn = fixture(FCN_BASE).text;
    const k4 = paste(fcn.replace('num_convs=2,', 'num_convs=2,\n        kernel_size=4,'), 'fcn-k4.py');
    expect(!k4.ok && k4.errors).toEqual([
      'model.decode_head.kernel_size = 4 cannot be represented: kernel_size must be one of 1, 3, 5, 7'
    ]);
    const none = paste(fcn.replace('num_convs=2,', 'num_convs=0,'), 'fcn-0.py');
    expect(!none.ok && none.errors).toEqual([
      "model.decode_head.channels = 512 cannot be represented: with num_convs=0 mmseg's FCNHead passes its input on, so channels must be in_channels (2048)"
    ]);
    const aux = paste(
      base.replace('channels=256,\n        num_convs=1,', 'channels=256,\n        num_convs=2,'),
      'aux-2.py'
    );
    expect(!aux.ok && aux.errors.join()).toContain(
      'model.auxiliary_head.num_convs = 2 cannot be represented'
    );
  });
});

describe('MMSegmentation head variants', () => {
  it("an MMSegmentation FCNHead of torchvision's design maps to head=mmseg_fcn too (mmseg's module names)", () => {
    const psp = fixture(PSP_BASE).text;
    const fcn = psp
      .replace("type='PSPHead'", "type='FCNHead'")
      .replace(
        '        channels=512,\n        pool_scales=(1, 2, 3, 6),',
        '        channels=512,\n        num_convs=1,\n        concat_input=False,'
      );
    expect(ok(paste(fcn, 'fcn.py'))).toMatchObject({
      head: 'mmseg_fcn',
      fcnConvs: 1,
      fcnConcat: false,
      aux: true,
      classes: 19
    });
  });

  it('PSPHead channels other than C5 / bins are refused; no auxiliary head maps to aux=false', () => {
    const psp = fixture(PSP_BASE).text;
    const wide = paste(
      psp.replace('        channels=512,\n        pool_scales', '        channels=256,\n        pool_scales'),
      'psp-256.py'
    );
    expect(!wide.ok && wide.errors.join()).toContain(
      "model.decode_head.channels = 256 cannot be represented: ArchScope's pooling branches have C5 / 4 = 512 channels"
    );
    const noAux = paste(
      psp.replace(/ {4}auxiliary_head=dict\([\s\S]*?loss_weight=0\.4\)\),\n/, ''),
      'psp-noaux.py'
    );
    expect(ok(noAux)).toMatchObject({ aux: false, head: 'pspnet' });
  });
});
