/** The model-zoo fixture configs (tests/fixtures/configs) that more than one import test file reads. */
export const FASTER_BASE = 'mmdet/_base_/models/faster-rcnn_r50_fpn.py';
export const FASTER = 'mmdet/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py';
export const D2_BASE = 'detectron2/Base-RCNN-FPN.yaml';
export const D2_FASTER = 'detectron2/COCO-Detection/faster_rcnn_R_50_FPN_1x.yaml';
export const D2_RETINA_BASE = 'detectron2/Base-RetinaNet.yaml';
