/**
 * The plain-torch helpers a generated file may need, each written once here and copied into a file
 * only when its graph uses it (a ResNet file carries no RoIAlign). Each mirrors what the engine's op
 * means (src/lib/core/ops) the way PyTorch and torchvision 0.14 compute it, so the file needs torch
 * alone and matches torchvision's numbers (docs/export.md).
 */

export type Helper = 'frozen' | 'same' | 'resize' | 'roundedResize' | 'pad' | 'roialign';

const TREE = `class Tree(nn.Module):
    """A plain container. Children carry the source framework's names (torchvision's \`layer1.0.conv1\`),
    so the state_dict keys are those names; \`tree[0]\` reads the child named '0'."""

    def __getitem__(self, name):
        return self._modules[str(name)]


def _put(root, path, module):
    """Adds \`module\` at the dotted \`path\` under \`root\`, making the containers on the way."""
    *parents, leaf = path.split('.')
    for name in parents:
        if name not in root._modules:
            root.add_module(name, Tree())
        root = root._modules[name]
    root.add_module(leaf, module)`;

const FROZEN = `class FrozenBatchNorm2d(nn.Module):
    """BatchNorm2d with fixed statistics and affine terms, all buffers (torchvision.ops.FrozenBatchNorm2d)."""

    def __init__(self, channels, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.register_buffer('weight', torch.ones(channels))
        self.register_buffer('bias', torch.zeros(channels))
        self.register_buffer('running_mean', torch.zeros(channels))
        self.register_buffer('running_var', torch.ones(channels))

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        # A BatchNorm2d checkpoint also counts its training steps; a frozen layer has no use for that.
        state_dict.pop(prefix + 'num_batches_tracked', None)
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    def forward(self, x):
        w = self.weight.reshape(1, -1, 1, 1)
        b = self.bias.reshape(1, -1, 1, 1)
        rv = self.running_var.reshape(1, -1, 1, 1)
        rm = self.running_mean.reshape(1, -1, 1, 1)
        scale = w * (rv + self.eps).rsqrt()
        return x * scale + (b - rm * scale)`;

const SAME = `def _same(x, kernel, stride, dilation, value=0.0):
    """TensorFlow's SAME padding for this input: the output side is ceil(n / stride), the odd pixel after."""
    pads = []
    for n, k, s, d in zip(x.shape[-2:], kernel, stride, dilation):
        total = max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0)
        pads.append((total // 2, total - total // 2))
    (top, bottom), (left, right) = pads
    return F.pad(x, (left, right, top, bottom), value=value)`;

const RESIZE = `def _resize(x, min_size, max_size):
    """GeneralizedRCNNTransform's resize at eval: scale = min(min_size / short side, max_size / long side)
    in float32, then bilinear interpolation with recompute_scale_factor, as torchvision computes it.
    No normalisation: the images come in normalised."""
    shape = torch.tensor(x.shape[-2:])
    short = torch.min(shape).to(dtype=torch.float32)
    long = torch.max(shape).to(dtype=torch.float32)
    scale = torch.min(min_size / short, max_size / long).item()
    return F.interpolate(x, scale_factor=scale, mode='bilinear', recompute_scale_factor=True, align_corners=False)`;

const ROUNDED_RESIZE = `def _resize_rounded(x, min_size, max_size):
    """detectron2's ResizeShortestEdge at test time: the short side becomes min_size and the long side
    scales with it, both shrink by max_size / long side if that passes max_size, and each side is
    int(x + 0.5) in double precision; then bilinear interpolation to that size (align_corners=False),
    as its ResizeTransform resizes a float image. No normalisation: the images come in normalised."""
    h, w = x.shape[-2:]
    scale = min_size / min(h, w)
    nh, nw = (min_size, scale * w) if h < w else (scale * h, min_size)
    if max(nh, nw) > max_size:
        down = max_size / max(nh, nw)
        nh, nw = nh * down, nw * down
    return F.interpolate(x, size=(int(nh + 0.5), int(nw + 0.5)), mode='bilinear', align_corners=False)`;

const PAD = `def _pad_to(x, divisor):
    """torchvision's batch_images: zeros on the bottom and the right up to a multiple of divisor."""
    h, w = x.shape[-2:]
    up = lambda n: int(math.ceil(float(n) / divisor) * divisor) - n
    return F.pad(x, (0, up(w), 0, up(h)))`;

const ROIALIGN = `def _taps(coord, size):
    """One axis of roi_align's bilinear sampling: low and high pixel, their weights, and whether the
    sample reads anything (outside [-1, size] it reads zero; within [-1, 0] it reads the edge)."""
    valid = (coord >= -1.0) & (coord <= size)
    coord = coord.clamp(min=0.0)
    low = coord.long()
    edge = low >= size - 1
    low = low.clamp(max=size - 1)
    high = torch.where(edge, low, low + 1)
    coord = torch.where(edge, low.to(coord.dtype), coord)
    frac = coord - low.to(coord.dtype)
    return low, high, 1.0 - frac, frac, valid


def _roi_align(feature, rois, scale, size, sampling_ratio, chunk=128):
    """torchvision.ops.roi_align(aligned=False) in plain torch. rois: [K, 5] rows (image index, x1, y1,
    x2, y2) in image pixels; each box becomes size[0] x size[1] bins, each bin the mean of
    sampling_ratio x sampling_ratio bilinear samples. Boxes go in chunks to bound the memory."""
    c = feature.shape[1]
    h, w = feature.shape[-2:]
    (ph, pw), sr = size, sampling_ratio
    if rois.shape[0] == 0:
        return feature.new_zeros((0, c, ph, pw))
    nhwc = feature.permute(0, 2, 3, 1)  # one gather then reads every channel of a sample
    out = []
    for r in rois.split(chunk):
        k = r.shape[0]
        start_x, start_y = r[:, 1] * scale, r[:, 2] * scale
        roi_w = (r[:, 3] * scale - start_x).clamp(min=1.0)
        roi_h = (r[:, 4] * scale - start_y).clamp(min=1.0)
        bin_h, bin_w = roi_h / ph, roi_w / pw
        grid = torch.arange(sr, dtype=feature.dtype) + 0.5
        ys = (start_y[:, None, None] + torch.arange(ph, dtype=feature.dtype)[None, :, None] * bin_h[:, None, None]
              + grid[None, None, :] * bin_h[:, None, None] / sr).reshape(k, ph * sr)
        xs = (start_x[:, None, None] + torch.arange(pw, dtype=feature.dtype)[None, :, None] * bin_w[:, None, None]
              + grid[None, None, :] * bin_w[:, None, None] / sr).reshape(k, pw * sr)
        y0, y1, hy, ly, vy = _taps(ys, h)
        x0, x1, hx, lx, vx = _taps(xs, w)
        img = r[:, 0].long()[:, None, None]
        at = lambda yy, xx: nhwc[img, yy[:, :, None], xx[:, None, :]]
        wt = lambda a, b: (a[:, :, None] * b[:, None, :])[..., None]
        v = wt(hy, hx) * at(y0, x0) + wt(hy, lx) * at(y0, x1) + wt(ly, hx) * at(y1, x0) + wt(ly, lx) * at(y1, x1)
        v = v * (vy[:, :, None] & vx[:, None, :])[..., None].to(v.dtype)
        v = v.reshape(k, ph, sr, pw, sr, c).sum(dim=(2, 4)) / (sr * sr)
        out.append(v.permute(0, 3, 1, 2))
    return torch.cat(out)


def _multiscale_roi_align(levels, boxes, image_size, size, sampling_ratio):
    """torchvision's MultiScaleRoIAlign: level scales 2^round(log2(feature / image height)), each box
    pooled from the level LevelMapper gives it (224 px boxes at level 4). boxes: one [K, 4] tensor
    (x1, y1, x2, y2) per image, in pixels of the image the model sees (after the resize)."""
    scales = [2.0 ** float(torch.tensor(float(f.shape[-2]) / float(image_size[0])).log2().round()) for f in levels]
    rois = torch.cat([torch.cat([torch.full_like(b[:, :1], i), b], dim=1) for i, b in enumerate(boxes)])
    if len(levels) == 1:
        return _roi_align(levels[0], rois, scales[0], size, sampling_ratio)
    k_min = -torch.log2(torch.tensor(scales[0], dtype=torch.float32)).item()
    k_max = -torch.log2(torch.tensor(scales[-1], dtype=torch.float32)).item()
    s = torch.sqrt(torch.cat([(b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) for b in boxes]))
    target = torch.floor(4 + torch.log2(s / 224) + torch.tensor(1e-6, dtype=s.dtype))
    target = (torch.clamp(target, min=k_min, max=k_max).to(torch.int64) - k_min).to(torch.int64)
    result = levels[0].new_zeros((rois.shape[0], levels[0].shape[1]) + tuple(size))
    for k, (feature, scale) in enumerate(zip(levels, scales)):
        idx = torch.where(target == k)[0]
        result[idx] = _roi_align(feature, rois[idx], scale, size, sampling_ratio)
    return result`;

const TEXT: Record<Helper, string> = {
  frozen: FROZEN,
  same: SAME,
  resize: RESIZE,
  roundedResize: ROUNDED_RESIZE,
  pad: PAD,
  roialign: ROIALIGN
};
const ORDER: Helper[] = ['frozen', 'same', 'resize', 'roundedResize', 'pad', 'roialign'];

/** The helpers section: the container always, then the helpers `used` names, in a fixed order. */
export function prelude(used: Set<Helper>): string {
  return [TREE, ...ORDER.filter((h) => used.has(h)).map((h) => TEXT[h])].join('\n\n\n');
}
