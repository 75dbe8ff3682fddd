"""Bench-time export of torchvision's ResNet-50 for `npm run bench` (scripts/bench/runtimes.ts).

Writes into an ignored cache folder (default .cache/bench/, nothing committed):
  resnet50.onnx          the ONNX export onnxruntime-web runs (torch's exporter folds eval-mode BN
                         into the convs, as onnxruntime would);
  resnet50.safetensors   the same state_dict, which ArchScope loads through its own loader, so all three
                         runs use identical weights;
  resnet50_io.safetensors  one input and PyTorch's logits, to check the three outputs agree.
Random weights (seed 0) with non-trivial BN statistics; nothing is downloaded. Needs Debian's
python3-torch and python3-torchvision: /usr/bin/python3 scripts/bench/export_onnx.py [out_dir]
"""
import json
import os
import struct
import sys

import torch
import torchvision


def save_safetensors(tensors, path):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().to(torch.float32).numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else ".cache/bench"
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    model = torchvision.models.resnet50()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
    model.eval()
    x = torch.randn(1, 3, 224, 224)
    with torch.no_grad():
        logits = model(x)
    state = {k: v for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    save_safetensors(state, os.path.join(out, "resnet50.safetensors"))
    save_safetensors({"input": x, "logits": logits}, os.path.join(out, "resnet50_io.safetensors"))
    torch.onnx.export(
        model,
        x,
        os.path.join(out, "resnet50.onnx"),
        opset_version=13,
        input_names=["input"],
        output_names=["logits"],
        do_constant_folding=True,
    )
    print(f"wrote resnet50.onnx, resnet50.safetensors, resnet50_io.safetensors to {out}")


if __name__ == "__main__":
    main()
