/** The MMDetection fixture configs that more than one import test file reads. */
export const FASTER_BASE = 'mmdet/_base_/models/faster-rcnn_r50_fpn.py';
export const FASTER = 'mmdet/faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py';
