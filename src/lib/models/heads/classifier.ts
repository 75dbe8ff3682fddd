import type { HeadBuilder } from './context';

/** The ImageNet classifier: global average pool, flatten, fc. */
export const buildClassifier: HeadBuilder = (b, { cfg, backbone, fcModule }) => {
  b.group({ path: 'head', label: `classifier (${cfg.classes} classes)` });
  const p = b.add('head/avgpool', 'globalavgpool', {}, [backbone.out.node]);
  const f = b.add('head/flatten', 'flatten', {}, [p]);
  b.add('head/fc', 'linear', { outFeatures: cfg.classes, bias: true }, [f], 'logits', fcModule);
};
