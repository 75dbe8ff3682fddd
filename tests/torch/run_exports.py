#!/usr/bin/python3
"""Runs ArchScope's PyTorch exports in PyTorch, all in one process (tests/unit/export-pytorch.test.ts).

usage: run_exports.py MANIFEST OUT

MANIFEST lists cases: {name, file (a generated .py), input [N, C, H, W], seed, boxes (per region source,
one list of [x1, y1, x2, y2] per image) or null, reference or null}. A reference names the model that
the export must equal: a torchvision builder (or scripts/fixtures/golden_models.py's PSPNet and Caffe
ResNet-50, or mmseg_heads.py's MMSegmentation models), its kind, and for detectors the pyramid level
names and the transform's sizes.

For every case this imports the file, calls build_model(), fills it with seeded random weights and runs
forward on a seeded random input, and writes to OUT what PyTorch says: the parameter count, every
tap's shape and the state_dict's keys and shapes. With a reference it builds that model too, randomises
its weights and norm statistics, loads its state_dict into the export with strict=True and reports, per
tap, max |export - reference| / max |reference| on the same input. Nothing is asserted here: the Vitest
file compares these numbers with the engine's.
"""
import contextlib
import importlib.util
import json
import math
import os
import sys
import time
import traceback

import torch
import torch.nn as nn
import torchvision
from torchvision.models.detection.image_list import ImageList

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'scripts', 'fixtures'))
import golden_models  # noqa: E402
import mmseg_heads  # noqa: E402
import whole_models  # noqa: E402

DET = torchvision.models.detection


@contextlib.contextmanager
def no_init():
    """Builds modules without their random initialisation (seconds for the large torchvision models):
    every weight is filled by randomize() afterwards anyway."""
    saved = {n: f for n, f in vars(nn.init).items() if n.endswith('_') and not n.startswith('_') and callable(f)}
    for n in saved:
        setattr(nn.init, n, lambda t, *a, **k: t)
    try:
        yield
    finally:
        for n, f in saved.items():
            setattr(nn.init, n, f)


def randomize(model, seed):
    """He-uniform conv / linear weights, U(-0.2, 0.2) biases, and non-trivial norm statistics and affine
    terms, so that a swapped, skipped or misnamed tensor shows in the outputs. Filled in place: a
    billion values are drawn over the presets, and temporaries would double the time."""
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
                fan_in = nn.init._calculate_fan_in_and_fan_out(m.weight)[0]
                bound = math.sqrt(6 / max(fan_in, 1))
                m.weight.uniform_(-bound, bound, generator=gen)
                if m.bias is not None:
                    m.bias.uniform_(-0.2, 0.2, generator=gen)
            elif hasattr(m, 'running_var') or isinstance(m, nn.GroupNorm):
                m.weight.uniform_(0.5, 1.5, generator=gen)
                m.bias.normal_(0, 0.2, generator=gen)
                if hasattr(m, 'running_var'):
                    m.running_mean.normal_(0, 0.2, generator=gen)
                    m.running_var.uniform_(0.5, 2.0, generator=gen)


def load(path):
    spec = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(path))[0], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_reference(ref):
    kind, name = ref['kind'], ref['build']
    if kind == 'pspnet':
        return golden_models.PSPNet(ref['classes'])
    if kind == 'mmseg':
        return mmseg_heads.MODELS[name][0]()
    if name == 'resnet50_caffe':
        return golden_models.resnet50_caffe()
    if kind == 'backbone':
        return getattr(DET, name)(weights=None, weights_backbone=None).backbone
    if name in whole_models.PUBLISHED:
        return whole_models.build(name)
    return getattr(torchvision.models, name)(weights=None)


class Hooks:
    """Outputs of named submodules during one forward, in call order (a shared head calls per level)."""

    def __init__(self, model, names):
        self.out = {n: [] for n in names}
        mods = dict(model.named_modules())
        self.handles = [mods[n].register_forward_hook(lambda m, i, o, n=n: self.out[n].append(o)) for n in names]

    def close(self):
        for h in self.handles:
            h.remove()


def trunk_hooks(model, prefix):
    return Hooks(model, [prefix + n for n in ('relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4')])


def trunk_taps(hooks, prefix):
    names = ['C1', 'stem', 'C2', 'C3', 'C4', 'C5']
    mods = [prefix + n for n in ('relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4')]
    return {t: hooks.out[m][0] for t, m in zip(names, mods)}


def reference_taps(model, ref, x, boxes):
    """Every tap ArchScope names, computed by the reference model the way its own forward computes it."""
    kind = ref['kind']
    if kind in ('pspnet', 'mmseg'):
        return model(x)
    if kind == 'classifier':
        hooks = trunk_hooks(model, '')
        logits = model(x)
        hooks.close()
        return dict(trunk_taps(hooks, ''), logits=logits)
    if kind == 'segmenter':
        hooks = trunk_hooks(model, 'backbone.')
        out = model(x)
        hooks.close()
        return dict(trunk_taps(hooks, 'backbone.'), out=out['out'], aux=out['aux'])
    if kind == 'backbone':
        hooks = trunk_hooks(model, 'body.')
        feats = model(x)
        hooks.close()
        return dict(trunk_taps(hooks, 'body.'), **dict(zip(ref['levels'], feats.values())))
    # Detectors: the transform (normalisation off: the export takes normalised images), the backbone,
    # the per-level heads, and the RoI heads on the given boxes, as RoIHeads.forward calls them.
    t = ref.get('transform')
    if t:
        model.transform.min_size = (t['minSize'],)
        model.transform.max_size = t['maxSize']
        model.transform.size_divisible = t['sizeDivisible']
        model.transform.image_mean, model.transform.image_std = [0.0] * 3, [1.0] * 3
        images, _ = model.transform(list(x))
    else:
        images = ImageList(x, [tuple(x.shape[-2:])] * x.shape[0])
    hooks = trunk_hooks(model, 'backbone.body.')
    feats = model.backbone(images.tensors)
    hooks.close()
    taps = dict(trunk_taps(hooks, 'backbone.body.'), **dict(zip(ref['levels'], feats.values())))
    flist = list(feats.values())
    levels = ref['levels']
    if kind == 'rcnn':
        objectness, deltas = model.rpn.head(flist)
        for name, o, d in zip(levels, objectness, deltas):
            taps['objectness/' + name], taps['pred_bbox_deltas/' + name] = o, d
        rh, sizes = model.roi_heads, images.image_sizes
        taps['box_roi_pool'] = rh.box_roi_pool(feats, boxes['proposals'], sizes)
        taps['box_head'] = rh.box_head(taps['box_roi_pool'])
        taps['class_logits'], taps['box_regression'] = rh.box_predictor(taps['box_head'])
        for branch in ('mask', 'keypoint'):
            if getattr(rh, branch + '_roi_pool', None) is not None:
                pooled = getattr(rh, branch + '_roi_pool')(feats, boxes['detections'], sizes)
                taps[branch + '_roi_pool'] = pooled
                taps[branch + '_head'] = getattr(rh, branch + '_head')(pooled)
                taps[branch + '_logits'] = getattr(rh, branch + '_predictor')(taps[branch + '_head'])
        return taps
    heads = {'cls_logits': 'head.classification_head.cls_logits', 'bbox_regression': 'head.regression_head.bbox_reg'}
    if kind == 'fcos':
        heads['bbox_ctrness'] = 'head.regression_head.bbox_ctrness'
    hooks = Hooks(model, list(heads.values()))
    model.head(flist)
    hooks.close()
    for tap, module in heads.items():
        for name, o in zip(levels, hooks.out[module]):
            taps[tap + '/' + name] = o
    return taps


def rel_error(a, b):
    if a.shape != b.shape:
        return 'shape %s, reference %s' % (list(a.shape), list(b.shape))
    if a.numel() == 0:
        return 0.0
    scale = b.abs().max().item()
    diff = (a - b).abs().max().item()
    return diff / scale if scale > 0 else diff


def run_case(case):
    module = load(case['file'])
    x = torch.randn(case['input'], generator=torch.Generator().manual_seed(case['seed']))
    boxes = {k: [torch.tensor(b, dtype=torch.float32).reshape(-1, 4) for b in v] for k, v in (case['boxes'] or {}).items()}
    ref = case['reference']
    out = {}
    with no_init():
        model = module.build_model()
        reference = build_reference(ref).eval() if ref else None
    if reference is not None:
        randomize(reference, case['seed'])
        target = model.backbone if ref['kind'] == 'backbone' else model
        try:
            target.load_state_dict(reference.state_dict(), strict=True)
            out['strict'] = True
        except RuntimeError as err:
            out['strict'] = str(err).splitlines()[0][:2000]
    else:
        randomize(model, case['seed'])
    model.eval()
    out['params'] = sum(p.numel() for p in model.parameters())
    # build_model() freezes what trainableLayers freezes; loading weights leaves requires_grad as it is.
    out['trainable'] = sum(p.numel() for p in model.parameters() if p.requires_grad)
    out['keys'] = {k: list(v.shape) for k, v in model.state_dict().items()}
    with torch.no_grad():
        taps = model(x, **boxes)
        out['taps'] = {k: list(v.shape) for k, v in taps.items()}
        if reference is not None and out['strict'] is True:
            theirs = reference_taps(reference, ref, x, boxes)
            out['rel'] = {k: rel_error(taps[k], v) if k in taps else 'missing from the export' for k, v in theirs.items()}
    return out


def main():
    manifest, dest = sys.argv[1], sys.argv[2]
    # One thread: the tensors are small, so a second thread mostly waits at each op's barrier (measured:
    # 2.4x the CPU time on a busy 2-core machine), and Vitest runs other files beside this one.
    torch.set_num_threads(1)
    cases = json.load(open(manifest))['cases']
    start = time.time()
    results = {}
    for case in cases:
        t = time.time()
        try:
            results[case['name']] = run_case(case)
        except Exception:  # reported per case, so one broken export does not hide the others
            results[case['name']] = {'error': traceback.format_exc()[-3000:]}
        results[case['name']]['seconds'] = round(time.time() - t, 2)
        print('%s %.2f s' % (case['name'], time.time() - t), file=sys.stderr, flush=True)
    json.dump({'torch': torch.__version__, 'torchvision': torchvision.__version__,
               'seconds': round(time.time() - start, 2), 'cases': results}, open(dest, 'w'))


if __name__ == '__main__':
    main()
