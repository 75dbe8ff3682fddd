/**
 * torchvision's RPNHead, one module applied to every pyramid level: conv_depth 3x3 convs with ReLU
 * (v1: one, v2: two), then 1x1 convs to A objectness maps and 4A box deltas (A anchors per location).
 * Every level's nodes name the same modules, so the parameters count once and the MACs per level.
 */
import { conv } from '../../core/layers';
import { anchorsPerLocation, type HeadBuilder } from './context';

export const buildRpnHead: HeadBuilder = (b, { cfg, levels }) => {
  const a = anchorsPerLocation(cfg);
  const depth = cfg.headVersion === 2 ? 2 : 1;
  const names = levels.map((l) => l.name);
  b.group({ path: 'rpn', label: `RPN head (shared by ${names.join(', ')})` });
  for (const level of levels) {
    const p = `rpn/${level.name}`;
    b.group({ path: p, label: `RPN head on ${level.name}` });
    let x = level.node;
    for (let d = 0; d < depth; d++) {
      const c = conv(level.channels, 3, 1, { bias: true });
      x = b.add(`${p}/conv${d + 1}`, 'conv2d', c, [x], undefined, `rpn.head.conv.${d}.0`);
      x = b.add(`${p}/relu${d + 1}`, 'relu', {}, [x]);
    }
    const one = (out: number) => conv(out, 1, 1, { padding: 0, bias: true });
    b.add(`${p}/cls_logits`, 'conv2d', one(a), [x], `objectness/${level.name}`, 'rpn.head.cls_logits');
    b.add(
      `${p}/bbox_pred`,
      'conv2d',
      one(4 * a),
      [x],
      `pred_bbox_deltas/${level.name}`,
      'rpn.head.bbox_pred'
    );
  }
};
