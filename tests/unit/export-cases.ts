/**
 * The configurations export-pytorch.test.ts runs in PyTorch: every preset at an odd input, with the
 * counts that only set how much work a run does made small (R, D, the transform's target size), the
 * MMSegmentation models of scripts/fixtures/mmseg_heads.py (their config fixtures imported), and
 * seeded random valid configurations at odd inputs, cycling through every head, placement and norm
 * so each appears several times.
 */
import { DEFAULT_CONFIG, type ModelConfig } from '../../src/lib/models/config';
import { analyze, type Analysis } from '../../src/lib/models/analyze';
import { mulberry32 } from '../../src/lib/exec/prng';
import { PRESETS } from '../../src/lib/models/presets';
import { presetBase } from '../../src/lib/state/url';
import { validateConfig } from '../../src/lib/models/validate';
import { MMSEG_MODELS, mmsegConfig } from './mmseg-configs';

export interface Reference {
  kind: 'classifier' | 'rcnn' | 'retinanet' | 'fcos' | 'segmenter' | 'backbone' | 'pspnet' | 'mmseg';
  build: string;
  levels?: string[];
  transform?: { minSize: number; maxSize: number; sizeDivisible: number } | null;
  classes?: number;
}

export interface ExportCase {
  name: string;
  preset: string;
  config: ModelConfig;
  input: [number, number];
  analysis: Analysis;
  reference: Reference | null;
}

const hasErrors = (a: Analysis) => a.diagnostics.some((d) => d.severity === 'error');

/** Work-only keys: region counts and the transform's target size change no weight. */
const SMALL: Partial<ModelConfig> = { proposals: 8, detections: 2, minSize: 64, maxSize: 96 };
/** Odd sizes first; a model that refuses every odd size (nearest x2 top-down) gets a divisible one. */
const SIZES: Array<[number, number]> = [
  [45, 61],
  [97, 131],
  [128, 192]
];

/** The model a preset must equal, where torchvision (or golden_models.py) has it. */
function referenceOf(id: string, a: Analysis): Reference | null {
  const src = PRESETS.find((p) => p.id === id)!.source;
  const cfg = a.model.config;
  if (id === 'pspnet_r50') return { kind: 'pspnet', build: id, classes: cfg.classes };
  if (id === 'resnet50_caffe') return { kind: 'classifier', build: id };
  if (!src.includes('torchvision.models')) return null;
  if (id.endsWith('_backbone'))
    return { kind: 'backbone', build: id.replace(/_backbone$/, ''), levels: a.model.levels };
  if (cfg.head === 'classifier') return { kind: 'classifier', build: id };
  if (cfg.head === 'fcn' || cfg.head === 'deeplabv3') return { kind: 'segmenter', build: id };
  const kind = cfg.head === 'retinanet' ? 'retinanet' : cfg.head === 'fcos' ? 'fcos' : 'rcnn';
  const transform =
    cfg.transform === 'torchvision'
      ? { minSize: cfg.minSize, maxSize: cfg.maxSize, sizeDivisible: cfg.sizeDivisible }
      : null;
  return { kind, build: id, levels: a.model.levels, transform };
}

export function presetCases(): ExportCase[] {
  return PRESETS.map((p) => {
    const config = { ...presetBase(p.id).config, ...SMALL };
    for (const input of SIZES) {
      const analysis = analyze(config, input);
      if (!hasErrors(analysis))
        return { name: p.id, preset: p.id, config, input, analysis, reference: referenceOf(p.id, analysis) };
    }
    throw new Error(`preset ${p.id} has no error-free test size`);
  });
}

/**
 * The MMSegmentation models of scripts/fixtures/mmseg_heads.py at 97x131 (imported deeplabv3_r50-d8
 * and fcn_r50-d8 for Cityscapes, and the head variants), each against that script's plain-torch build.
 */
export function mmsegCases(): ExportCase[] {
  return Object.keys(MMSEG_MODELS)
    .filter((name) => !name.endsWith('_ade20k'))
    .map((name) => {
      const config = mmsegConfig(name);
      const input: [number, number] = [97, 131];
      const analysis = analyze(config, input);
      return {
        name,
        preset: 'deeplabv3_resnet50',
        config,
        input,
        analysis,
        reference: { kind: 'mmseg', build: name }
      };
    });
}

const HEADS = [
  'classifier',
  'none',
  'pspnet',
  'fcn',
  'deeplabv3',
  'mmseg_aspp',
  'mmseg_fcn',
  'fasterrcnn',
  'maskrcnn',
  'keypointrcnn',
  'retinanet',
  'fcos'
] as const;
const STYLES = ['torchvision', 'caffe', 'slim'] as const;
const NORMS = ['bn', 'frozen', 'gn'] as const;

/** One random configuration; i cycles the head, placement and norm. Narrow, so a run is quick. */
function randomConfig(rand: () => number, i: number): ModelConfig {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const coin = (p = 0.5) => rand() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const cfg: ModelConfig = { ...DEFAULT_CONFIG };
  cfg.head = HEADS[i % HEADS.length];
  cfg.style = STYLES[i % STYLES.length];
  cfg.norm = NORMS[Math.floor(i / STYLES.length) % NORMS.length];
  cfg.width = cfg.norm === 'gn' ? 32 : pick([8, 16]);
  if (coin(0.3)) cfg.depth = pick([18, 34, 50]);
  else {
    cfg.depth = 0;
    cfg.layers = [int(1, 2), int(1, 2), int(1, 2), 1];
    cfg.block = pick(['basic', 'bottleneck'] as const);
  }
  const bottleneck = cfg.depth ? cfg.depth >= 50 : cfg.block === 'bottleneck';
  if (bottleneck && coin(0.5)) {
    cfg.groups = pick([2, 4]);
    cfg.widthPerGroup = pick([32, 64, 128]);
  }
  cfg.preact = coin(0.3);
  cfg.stem = coin(0.35) ? 'deep' : 'standard';
  cfg.stemPool = pick(['auto', 'auto', 'torch', 'caffe', 'same'] as const);
  cfg.avgDown = coin(0.35);
  cfg.outputStride = pick([32, 32, 16, 8]);
  cfg.classes = int(2, 7); // at least 2: background=scores leaves classes - 1 per-class outputs
  cfg.batch = coin(0.25) ? 2 : 1;
  cfg.inChannels = coin(0.2) ? pick([1, 4]) : 3;
  const pyramid = ['fasterrcnn', 'maskrcnn', 'keypointrcnn', 'retinanet', 'fcos'].includes(cfg.head);
  if (pyramid || (cfg.head === 'none' && coin(0.7))) {
    cfg.neck = 'fpn';
    const taps = ['C2', 'C3', 'C4', 'C5'].filter(() => coin(0.65));
    cfg.fpnIn = taps.length ? taps : ['C5'];
    const gnHead = cfg.head === 'fcos' || (cfg.head === 'retinanet' && coin(0.5));
    cfg.fpnChannels = gnHead ? 32 : pick([8, 16]);
    cfg.fpnNorm = coin(0.3) ? 'bn' : 'none';
    cfg.fpnUpsample = pick(['nearest', 'bilinear'] as const);
    cfg.fpnAlignCorners = coin();
    cfg.fpnSmooth = coin(0.2) ? 'noTop' : 'all';
    cfg.extra = pick(['none', 'maxpool', 'p6p7'] as const);
    cfg.p6From = pick(['C5', 'P5'] as const);
    cfg.p7Relu = coin(0.7);
    const levels = cfg.fpnIn.length + (cfg.extra === 'p6p7' ? 2 : cfg.extra === 'maxpool' ? 1 : 0);
    cfg.anchorSizes = Array.from({ length: levels }, (_, k) => 16 * 2 ** k);
    cfg.anchorScales = pick([[1], [1, 1.26], [1, 1.26, 1.587]]);
    cfg.anchorRatios = pick([[1], [0.5, 1, 2]]);
    cfg.headVersion = cfg.head === 'fcos' ? 1 : cfg.head === 'retinanet' ? (gnHead ? 2 : 1) : pick([1, 2]);
    cfg.keypoints = int(1, 5);
    cfg.boxFcDim = int(8, 24);
    cfg.boxConvDim = int(4, 12);
    cfg.maskConvDim = int(4, 12);
    cfg.keypointConvDim = int(4, 12);
    cfg.background = coin(0.3) ? 'scores' : 'all';
    cfg.proposals = int(1, 9);
    cfg.detections = int(0, 4);
    if (coin(0.5)) {
      cfg.transform = coin(0.7) ? 'torchvision' : 'detectron2';
      cfg.minSize = int(48, 90);
      cfg.maxSize = int(70, 140);
      cfg.sizeDivisible = pick([1, 8, 32]);
    }
  }
  if (cfg.head === 'pspnet') {
    cfg.bins = [1, 2, 3, 6].filter(() => coin(0.7));
    if (!cfg.bins.length) cfg.bins = [int(1, 4)];
    cfg.pspChannels = int(4, 16);
  }
  if (['pspnet', 'fcn', 'deeplabv3', 'mmseg_aspp', 'mmseg_fcn'].includes(cfg.head)) cfg.aux = coin();
  if (cfg.head === 'mmseg_aspp' || cfg.head === 'mmseg_fcn') {
    cfg.segChannels = int(4, 16);
    cfg.asppDilations = [1, 2, 3, 6].filter(() => coin(0.7));
    if (!cfg.asppDilations.length) cfg.asppDilations = [int(1, 4)];
    cfg.fcnConvs = int(0, 3);
    cfg.fcnConcat = coin();
    cfg.fcnKernel = pick([1, 3, 5]);
    cfg.fcnDilation = pick([1, 1, 2]);
    // num_convs=0 passes C5 on: mmseg then needs channels == C5's channels.
    if (cfg.head === 'mmseg_fcn' && cfg.fcnConvs === 0)
      cfg.segChannels = cfg.width * 8 * (bottleneck ? 4 : 1);
  }
  cfg.asppChannels = int(4, 16);
  // Drawn last, so the draws above (and the configurations they make) stay as they were.
  cfg.trainableLayers = int(0, 5);
  return cfg;
}

/** `count` random configurations the engine accepts at an odd input (rejection sampling, seeded). */
export function randomCases(count: number, seed: number): ExportCase[] {
  const rand = mulberry32(seed);
  const out: ExportCase[] = [];
  for (let i = 0, tries = 0; out.length < count; tries++) {
    if (tries > count * 200) throw new Error('too few valid random configurations');
    const config = randomConfig(rand, i);
    const odd = () => 2 * Math.floor(17 + rand() * 40) + 1;
    const input: [number, number] = [odd(), odd()];
    if (validateConfig(config).length) continue;
    const analysis = analyze(config, input);
    if (hasErrors(analysis)) continue;
    out.push({
      name: `random${out.length + 1}`,
      preset: 'resnet50',
      config,
      input,
      analysis,
      reference: null
    });
    i++;
  }
  return out;
}
