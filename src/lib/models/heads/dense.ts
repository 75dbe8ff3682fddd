/**
 * Dense heads applied to every pyramid level with shared weights: torchvision's RetinaNetHead (a
 * classification and a regression subnet, each four 3x3 convs of 256 + ReLU, then a 3x3 conv to
 * A x K class logits or A x 4 box deltas; v2 puts GroupNorm(32) after each conv and drops its bias)
 * and FCOSHead (the same towers with biased convs and GroupNorm(32), one location per anchor, plus
 * a 1-channel centerness map on the regression tower).
 */
import type { GraphBuilder } from '../../core/graph';
import { conv } from '../../core/layers';
import { addNorm, type Level } from '../features';
import { anchorsPerLocation, type HeadBuilder } from './context';

const TOWER = 4;

interface TowerNaming {
  conv(i: number): string;
  norm(i: number): string;
}

/** RetinaNet's Conv2dNormActivation list (conv.i.0, conv.i.1) or FCOS's flat Sequential (conv.3i, .3i+1). */
const retinaNaming = (m: string): TowerNaming => ({
  conv: (i) => `${m}.conv.${i}.0`,
  norm: (i) => `${m}.conv.${i}.1`
});
const fcosNaming = (m: string): TowerNaming => ({
  conv: (i) => `${m}.conv.${3 * i}`,
  norm: (i) => `${m}.conv.${3 * i + 1}`
});

function tower(
  b: GraphBuilder,
  path: string,
  level: Level,
  names: TowerNaming,
  norm: 'none' | 'gn',
  bias: boolean
): string {
  let x = level.node;
  for (let i = 0; i < TOWER; i++) {
    x = b.add(
      `${path}/conv${i + 1}`,
      'conv2d',
      conv(level.channels, 3, 1, { bias }),
      [x],
      undefined,
      names.conv(i)
    );
    if (norm === 'gn') x = addNorm(b, 'gn', `${path}/gn${i + 1}`, x, names.norm(i));
    x = b.add(`${path}/relu${i + 1}`, 'relu', {}, [x]);
  }
  return x;
}

const out3x3 = (channels: number) => conv(channels, 3, 1, { bias: true });

export const buildRetinaNetHead: HeadBuilder = (b, { cfg, levels }) => {
  const a = anchorsPerLocation(cfg);
  const v2 = cfg.headVersion === 2;
  const cls = 'head.classification_head';
  const reg = 'head.regression_head';
  b.group({
    path: 'head',
    label: `RetinaNet head${v2 ? ' (GroupNorm)' : ''}, shared by ${levels.map((l) => l.name).join(', ')}`
  });
  for (const level of levels) {
    const p = `head/${level.name}`;
    b.group({ path: p, label: `RetinaNet head on ${level.name}` });
    b.group({ path: `${p}/cls`, label: 'classification subnet' });
    const c = tower(b, `${p}/cls`, level, retinaNaming(cls), v2 ? 'gn' : 'none', !v2);
    b.add(
      `${p}/cls/logits`,
      'conv2d',
      out3x3(a * cfg.classes),
      [c],
      `cls_logits/${level.name}`,
      `${cls}.cls_logits`
    );
    b.group({ path: `${p}/reg`, label: 'box regression subnet' });
    const r = tower(b, `${p}/reg`, level, retinaNaming(reg), v2 ? 'gn' : 'none', !v2);
    b.add(`${p}/reg/bbox`, 'conv2d', out3x3(a * 4), [r], `bbox_regression/${level.name}`, `${reg}.bbox_reg`);
  }
};

export const buildFcosHead: HeadBuilder = (b, { cfg, levels }) => {
  const a = anchorsPerLocation(cfg);
  const cls = 'head.classification_head';
  const reg = 'head.regression_head';
  b.group({
    path: 'head',
    label: `FCOS head (GroupNorm), shared by ${levels.map((l) => l.name).join(', ')}`
  });
  for (const level of levels) {
    const p = `head/${level.name}`;
    b.group({ path: p, label: `FCOS head on ${level.name}` });
    b.group({ path: `${p}/cls`, label: 'classification tower' });
    const c = tower(b, `${p}/cls`, level, fcosNaming(cls), 'gn', true);
    b.add(
      `${p}/cls/logits`,
      'conv2d',
      out3x3(a * cfg.classes),
      [c],
      `cls_logits/${level.name}`,
      `${cls}.cls_logits`
    );
    b.group({ path: `${p}/reg`, label: 'regression tower' });
    const r = tower(b, `${p}/reg`, level, fcosNaming(reg), 'gn', true);
    b.add(`${p}/reg/bbox`, 'conv2d', out3x3(a * 4), [r], `bbox_regression/${level.name}`, `${reg}.bbox_reg`);
    b.add(`${p}/reg/ctrness`, 'conv2d', out3x3(a), [r], `bbox_ctrness/${level.name}`, `${reg}.bbox_ctrness`);
  }
};
