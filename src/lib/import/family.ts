/** The two config families an import reads, and how the report names them. */
export type Family = 'detectron2' | 'mmlab';

export const FAMILY_TITLE: Record<Family, string> = {
  detectron2: 'detectron2 YAML',
  mmlab: 'MMDetection / MMSegmentation config'
};
