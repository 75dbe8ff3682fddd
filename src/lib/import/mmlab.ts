/**
 * MMDetection / MMSegmentation Python configs -> ArchScope keys: the `model = dict(...)` after its
 * `_base_` files are merged. Detectors (FasterRCNN, MaskRCNN, RetinaNet) go to mm-detection.ts,
 * EncoderDecoder segmenters to mm-segmentation.ts; both start from the backbone (mm-backbone.ts).
 */
import type { KeyReader } from './leaves';
import { INPUT_MAX } from '../models/resolve';
import { ConfigBuilder, type Mapping, numbers, repr } from './mapping';
import { mapBackbone } from './mm-backbone';
import { DETECTORS, mapDetector } from './mm-detection';
import { mapSegmenter } from './mm-segmentation';

/** The reason for every top-level name other than `model` (datasets, schedules, runtime). */
export const MMLAB_REST =
  'only model = dict(...) describes the network (names it uses are read through it); data pipelines, schedules and runtime settings do not change it';

export function mapMmlab(r: KeyReader): Mapping {
  const b = new ConfigBuilder(r);
  const notes: string[] = [];
  const type = r.get('model.type');
  const detector = typeof type === 'string' && DETECTORS.includes(type);
  if (!detector && type !== 'EncoderDecoder') {
    r.refused(
      'model.type',
      `${repr(type)} is not a model ArchScope builds: use ${DETECTORS.join(', ')} (MMDetection) or EncoderDecoder (MMSegmentation)`
    );
    return { config: b.config, notes };
  }
  const backbone = mapBackbone(r, b, 'model.backbone');
  const crop = detector ? undefined : cropSize(r, b);
  r.ignored(
    'model.data_preprocessor',
    'input normalisation and batch padding: ArchScope feeds the input size as given (set it to the padded size)'
  );
  r.ignored('model.pretrained', 'ArchScope does not load weights from an import (docs/weights.md)');
  r.ignored('model.init_cfg', 'initialisation only');
  if (!backbone) return { config: b.config, notes };
  if (detector) {
    notes.push(...mapDetector(r, b, backbone));
    // The usual test-time resize (800 x 1333) padded to a multiple of 32, as the data preprocessor does.
    return { config: b.config, notes, input: [800, 1344] };
  }
  notes.push(...mapSegmenter(r, b, backbone));
  return { config: b.config, notes, ...(crop && { input: crop }) };
}

/**
 * An MMSegmentation model opens at its training crop: SegDataPreProcessor pads every batch to `size`,
 * (h, w) as the configs write `crop_size = (512, 1024)`. Test-time resizing lives in the data
 * pipeline, which the import does not read; without `size` the nearest preset's input stays.
 */
function cropSize(r: KeyReader, b: ConfigBuilder): [number, number] | undefined {
  const path = 'model.data_preprocessor.size';
  if (!r.given(path)) return undefined;
  const size = numbers(r.get(path));
  if (size?.length !== 2 || !size.every((v) => Number.isInteger(v) && v >= 1 && v <= INPUT_MAX)) {
    r.ignored(
      path,
      `${repr(r.get(path))} is not an (h, w) pair from 1 to ${INPUT_MAX}: the preset's input size is used`
    );
    return undefined;
  }
  b.checked(path, `the input size ${size[0]}x${size[1]} (the crop the data preprocessor pads batches to)`);
  return [size[0], size[1]];
}
