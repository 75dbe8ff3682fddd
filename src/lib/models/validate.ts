/**
 * Config validation: everything that can be judged without an input size. Messages name the key,
 * the value and what would work, in the user's terms. Input-size problems are diagnostics (infer.ts).
 */
import { DEPTHS, type ModelConfig } from './config';
import { C5_HEADS, PYRAMID_HEADS, ROI_HEADS } from './heads';
import { CONFIG_KEYS } from './schema';
import { allowedText, formatValue, parseValue } from './key-values';

export interface ConfigError {
  key: string;
  message: string;
}

export function validateConfig(cfg: ModelConfig): ConfigError[] {
  const errors: ConfigError[] = [];
  // Every key must round-trip through its schema: the same rules as the CLI and the URL.
  for (const spec of CONFIG_KEYS) {
    const value = cfg[spec.key];
    const parsed = parseValue(spec.key, formatValue(value));
    if (!parsed.ok)
      errors.push({
        key: spec.key,
        message: `${spec.key}=${formatValue(value)} is not allowed: ${spec.key} must be ${allowedText(spec.type)}`
      });
  }
  if (cfg.depth !== 0 && !DEPTHS[cfg.depth]) {
    errors.push({
      key: 'depth',
      message: `depth ${cfg.depth} is not supported: use 18, 34, 50, 101 or 152, or 0 with layers=a,b,c,d for a custom depth`
    });
  }
  if (new Set(cfg.bins).size !== cfg.bins.length) {
    errors.push({
      key: 'bins',
      message: `bins=${cfg.bins.join(',')} repeats a bin size: each pyramid branch needs its own size`
    });
  }
  if (C5_HEADS.includes(cfg.head) && cfg.neck !== 'none') {
    errors.push({
      key: 'neck',
      message: `head=${cfg.head} reads C5 directly: set neck=none with head=${cfg.head}`
    });
  }
  if (PYRAMID_HEADS.includes(cfg.head) && cfg.neck !== 'fpn') {
    errors.push({
      key: 'neck',
      message: `head=${cfg.head} runs on pyramid levels: set neck=fpn with head=${cfg.head}`
    });
  }
  if (PYRAMID_HEADS.includes(cfg.head) && cfg.anchorSizes.length === 0) {
    errors.push({
      key: 'anchorSizes',
      message: `head=${cfg.head} predicts per anchor: set anchorSizes (one size per pyramid level, e.g. 32,64,128,256,512)`
    });
  }
  const basic = cfg.depth !== 0 ? DEPTHS[cfg.depth]?.block === 'basic' : cfg.block === 'basic';
  if (basic && (cfg.groups !== 1 || cfg.widthPerGroup !== 64)) {
    errors.push({
      key: cfg.groups !== 1 ? 'groups' : 'widthPerGroup',
      message: `basic blocks support only groups=1 and widthPerGroup=64, as torchvision's BasicBlock does (got groups=${cfg.groups}, widthPerGroup=${cfg.widthPerGroup}); use a bottleneck depth (50, 101, 152) for ResNeXt or Wide ResNet`
    });
  }
  if (cfg.head === 'fcos' && cfg.headVersion !== 1) {
    errors.push({
      key: 'headVersion',
      message: 'FCOS has one head design in torchvision: set headVersion=1'
    });
  }
  if (cfg.background === 'scores' && ROI_HEADS.includes(cfg.head) && cfg.classes < 2) {
    errors.push({
      key: 'classes',
      message: `background=scores counts the background in classes: classes=${cfg.classes} leaves no foreground class, so use classes of 2 or more (K + 1 for K object classes)`
    });
  }
  const c5 = cfg.width * 8 * (basic ? 1 : 4);
  if (cfg.head === 'mmseg_fcn' && cfg.fcnConvs === 0 && cfg.segChannels !== c5) {
    errors.push({
      key: 'segChannels',
      message: `fcnConvs=0 passes C5 on unchanged, so segChannels must be C5's ${c5} channels (got ${cfg.segChannels}), as mmseg's FCNHead asserts`
    });
  }
  if (cfg.extra !== 'none' && cfg.neck === 'none') {
    errors.push({ key: 'extra', message: `extra=${cfg.extra} adds pyramid levels, which needs neck=fpn` });
  }
  if (cfg.width % 2 !== 0 && cfg.stem === 'deep') {
    errors.push({ key: 'width', message: `the deep stem halves the width: width=${cfg.width} must be even` });
  }
  return errors;
}
