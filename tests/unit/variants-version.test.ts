import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/lib/models/resolve';
import { presetBase } from '../../src/lib/state/url';
import { presetOf, versionVariant } from '../../src/lib/state/variants';

/** The preset the "v1 vs v2" variant of a preset lands on, or null when none is offered. */
function other(preset: string): string | null {
  const v = versionVariant(presetBase(preset).config);
  if (!v) return null;
  const r = resolveConfig(preset, null, v.changes);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return presetOf(r.value.config);
}

describe('"v1 vs v2" in the Compare-with menu', () => {
  it("turns each v1 detector into torchvision's _v2 builder and back", () => {
    // torchvision.models.detection has fasterrcnn_resnet50_fpn_v2, maskrcnn_resnet50_fpn_v2 and
    // retinanet_resnet50_fpn_v2 beside the v1 builders.
    expect(other('fasterrcnn_resnet50_fpn')).toBe('fasterrcnn_resnet50_fpn_v2');
    expect(other('fasterrcnn_resnet50_fpn_v2')).toBe('fasterrcnn_resnet50_fpn');
    expect(other('maskrcnn_resnet50_fpn')).toBe('maskrcnn_resnet50_fpn_v2');
    expect(other('retinanet_resnet50_fpn')).toBe('retinanet_resnet50_fpn_v2');
    expect(other('retinanet_resnet50_fpn_v2')).toBe('retinanet_resnet50_fpn');
  });

  it('is not offered where torchvision has one design (Keypoint R-CNN, FCOS, classifiers)', () => {
    expect(other('keypointrcnn_resnet50_fpn')).toBeNull();
    expect(other('fcos_resnet50_fpn')).toBeNull();
    expect(other('resnet50')).toBeNull();
  });
});
