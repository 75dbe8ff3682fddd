import type { ModelConfig } from '../config';

export interface Preset {
  id: string;
  title: string;
  /** Where the architecture is defined, for the user to check against. */
  source: string;
  /** A suggested input size [H, W]. */
  input: [number, number];
  config: Partial<ModelConfig>;
}

export const RATIOS = [0.5, 1, 2];
export const RETINA_SCALES = [1, 2 ** (1 / 3), 2 ** (2 / 3)];
/** torchvision's RPN and RetinaNet anchor base sizes, one per level. */
export const DETECTION_SIZES = [32, 64, 128, 256, 512];
