/**
 * PSPNet: adaptive average pools of each bin size over C5, 1x1 conv to C5/len(bins) channels, BN, ReLU,
 * bilinear (align_corners) upsampling to C5's size, concat with C5; then 3x3 conv to pspChannels (512 in
 * the paper), BN, ReLU, dropout, 1x1 classifier, and bilinear upsampling to the input size. Module
 * names follow scripts/fixtures/golden_models.py's PSPNet (docs/weights.md).
 */
import { conv } from '../../core/layers';
import { addNorm } from '../features';
import type { HeadBuilder } from './context';

export const buildPspHead: HeadBuilder = (b, { cfg, image, backbone }) => {
  const c5 = backbone.out;
  const c4 = backbone.features.C4;
  const reduction = Math.floor(c5.channels / cfg.bins.length);
  b.group({ path: 'ppm', label: `pyramid pooling (bins ${cfg.bins.join(', ')})` });
  const branches = cfg.bins.map((bin, i) => {
    const p = `ppm/bin${bin}`;
    b.group({ path: p, label: `${bin}x${bin} bins` });
    let y = b.add(`${p}/pool`, 'adaptiveavgpool', { output: [bin, bin] }, [c5.node]);
    y = b.add(`${p}/conv`, 'conv2d', conv(reduction, 1, 1, { padding: 0 }), [y], undefined, `ppm.${i}.1`);
    y = addNorm(b, 'bn', `${p}/bn`, y, `ppm.${i}.2`);
    y = b.add(`${p}/relu`, 'relu', {}, [y], `ppm${bin}`);
    return b.add(`${p}/upsample`, 'upsample', { mode: 'bilinear', sizeFromInput: true, alignCorners: true }, [
      y,
      c5.node
    ]);
  });
  const cat = b.add('ppm/concat', 'concat', {}, [c5.node, ...branches], 'ppm_concat');
  b.group({ path: 'head', label: `PSPNet classifier (${cfg.classes} classes)` });
  let y = b.add('head/conv', 'conv2d', conv(cfg.pspChannels, 3, 1), [cat], undefined, 'cls_conv.0');
  y = addNorm(b, 'bn', 'head/bn', y, 'cls_conv.1');
  y = b.add('head/relu', 'relu', {}, [y]);
  y = b.add('head/dropout', 'dropout', { p: 0.1 }, [y]);
  const cls = conv(cfg.classes, 1, 1, { padding: 0, bias: true });
  y = b.add('head/cls', 'conv2d', cls, [y], 'cls', 'cls');
  const resize = { mode: 'bilinear', sizeFromInput: true, alignCorners: true } as const;
  b.add('head/upsample', 'upsample', resize, [y, image.node], 'out');
  if (!cfg.aux) return;
  b.group({ path: 'aux', label: 'auxiliary head on C4 (training only)' });
  let a = b.add('aux/conv', 'conv2d', conv(Math.floor(c4.channels / 4), 3, 1), [c4.node], undefined, 'aux.0');
  a = addNorm(b, 'bn', 'aux/bn', a, 'aux.1');
  a = b.add('aux/relu', 'relu', {}, [a]);
  a = b.add('aux/dropout', 'dropout', { p: 0.1 }, [a]);
  b.add('aux/cls', 'conv2d', cls, [a], 'aux', 'aux.4');
};
