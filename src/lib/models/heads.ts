/** Heads: the ImageNet classifier and PSPNet's pyramid pooling module with its classifier and aux head. */
import type { GraphBuilder } from '../core/graph';
import { conv } from '../core/layers';
import type { ModelConfig } from './config';

export function buildClassifier(b: GraphBuilder, cfg: ModelConfig, x: string): void {
  b.group({ path: 'head', label: `classifier (${cfg.classes} classes)` });
  const p = b.add('head/avgpool', 'globalavgpool', {}, [x]);
  const f = b.add('head/flatten', 'flatten', {}, [p]);
  b.add('head/fc', 'linear', { outFeatures: cfg.classes, bias: true }, [f], 'logits');
}

/**
 * PSPNet: adaptive average pools of each bin size over C5, 1x1 conv to C5/len(bins) channels, BN, ReLU,
 * bilinear (align_corners) upsampling to C5's size, concat with C5; then 3x3 conv to pspChannels (512 in
 * the paper), BN, ReLU, dropout, 1x1 classifier, and bilinear upsampling to the input size.
 */
export function buildPspHead(
  b: GraphBuilder,
  cfg: ModelConfig,
  input: string,
  c5: string,
  c4: string,
  channels: number[]
): void {
  const c5ch = channels[3];
  const reduction = Math.floor(c5ch / cfg.bins.length);
  b.group({ path: 'ppm', label: `pyramid pooling (bins ${cfg.bins.join(', ')})` });
  const branches = cfg.bins.map((bin) => {
    const p = `ppm/bin${bin}`;
    b.group({ path: p, label: `${bin}x${bin} bins` });
    let y = b.add(`${p}/pool`, 'adaptiveavgpool', { output: [bin, bin] }, [c5]);
    y = b.add(`${p}/conv`, 'conv2d', conv(reduction, 1, 1, { padding: 0 }), [y]);
    y = b.add(`${p}/bn`, 'batchnorm', {}, [y]);
    y = b.add(`${p}/relu`, 'relu', {}, [y], `ppm${bin}`);
    return b.add(`${p}/upsample`, 'upsample', { mode: 'bilinear', sizeFromInput: true, alignCorners: true }, [
      y,
      c5
    ]);
  });
  const cat = b.add('ppm/concat', 'concat', {}, [c5, ...branches], 'ppm_concat');
  b.group({ path: 'head', label: `PSPNet classifier (${cfg.classes} classes)` });
  let y = b.add('head/conv', 'conv2d', conv(cfg.pspChannels, 3, 1), [cat]);
  y = b.add('head/bn', 'batchnorm', {}, [y]);
  y = b.add('head/relu', 'relu', {}, [y]);
  y = b.add('head/dropout', 'dropout', { p: 0.1 }, [y]);
  y = b.add('head/cls', 'conv2d', conv(cfg.classes, 1, 1, { padding: 0, bias: true }), [y], 'cls');
  b.add(
    'head/upsample',
    'upsample',
    { mode: 'bilinear', sizeFromInput: true, alignCorners: true },
    [y, input],
    'out'
  );
  if (!cfg.aux) return;
  b.group({ path: 'aux', label: 'auxiliary head on C4 (training only)' });
  let a = b.add('aux/conv', 'conv2d', conv(Math.floor(channels[2] / 4), 3, 1), [c4]);
  a = b.add('aux/bn', 'batchnorm', {}, [a]);
  a = b.add('aux/relu', 'relu', {}, [a]);
  a = b.add('aux/dropout', 'dropout', { p: 0.1 }, [a]);
  b.add('aux/cls', 'conv2d', conv(cfg.classes, 1, 1, { padding: 0, bias: true }), [a], 'aux');
}
