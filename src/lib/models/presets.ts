/**
 * Presets are data: partial configs over DEFAULT_CONFIG. Each says where its numbers come from.
 * Ids are torchvision's builder names where torchvision has the model.
 */
import { DEFAULT_CONFIG, type ModelConfig } from './config';
import { CLASSIFIERS } from './presets/classifiers';
import { DETECTORS } from './presets/detection';
import { SEGMENTERS } from './presets/segmentation';
import type { Preset } from './presets/types';

export type { Preset };

export const PRESETS: Preset[] = [...CLASSIFIERS, ...DETECTORS, ...SEGMENTERS];

export const PRESET_BY_ID = new Map(PRESETS.map((p) => [p.id, p]));

export function presetConfig(id: string): ModelConfig | null {
  const p = PRESET_BY_ID.get(id);
  return p ? { ...DEFAULT_CONFIG, ...p.config } : null;
}
