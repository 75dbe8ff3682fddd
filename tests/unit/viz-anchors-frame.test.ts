/**
 * Item 10 of issue 10: the anchors view places an image as the model's transform would (aspect ratio
 * kept, the transform's padding shown) and draws a chosen density of cells. Sizes worked out by hand
 * from torchvision's resize rule: scale = min(800 / short side, 1333 / long side), floor each side,
 * then zero-pad to a multiple of 32.
 */
import { describe, expect, it } from 'vitest';
import { ordinal } from '../../src/lib/format';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { drawingCaption, levelDrawing, readableStep } from '../../src/lib/viz/anchors-draw';
import { anchorFrame, frameCaption, imageCaption, inputForImage } from '../../src/lib/viz/anchors-frame';

const faster = presetConfig('fasterrcnn_resnet50_fpn')!;

describe('anchor frame', () => {
  it('a 400x300 image in a 512x640 input: fitted, uncovered band below, transform padding right', () => {
    // 512x640: scale min(800 / 512, 1333 / 640) = 1.5625 -> 800x1000, padded to 800x1024.
    const f = anchorFrame(analyze(faster, [512, 640]), [400, 300])!;
    expect([f.height, f.width]).toEqual([800, 1024]);
    expect(f.resized).toEqual([800, 1000]);
    expect(f.content).toEqual({ x: 0, y: 0, width: 1000, height: 800 });
    // The image scales by min(1000 / 400, 800 / 300) = 2.5: 1000 x 750, never stretched.
    expect(f.image).toEqual({ x: 0, y: 0, width: 1000, height: 750 });
    expect(f.uncovered).toEqual([{ x: 0, y: 750, width: 1000, height: 50 }]);
    expect(f.padding).toEqual([{ x: 1000, y: 0, width: 24, height: 800 }]);
    expect(frameCaption(f)).toBe(
      'The transform resizes the 512×640 input to 800×1000 and pads it with zeros to 800×1024 (hatched); anchors are in those pixels.'
    );
    expect(imageCaption(f, 'photo.png', [400, 300])).toBe(
      'Image: photo.png (400×300), scaled to fit with its aspect ratio kept; the grey band is input it does not cover.'
    );
  });

  it("at the image's own size the image fills the resized input; only the padding is left", () => {
    // 300x400: scale min(800 / 300, 1333 / 400) = 2.6667 -> 800x1066 (floors), padded to 800x1088.
    expect(inputForImage([400, 300], 8192)).toEqual([300, 400]);
    const f = anchorFrame(analyze(faster, [300, 400]), [400, 300])!;
    expect([f.height, f.width]).toEqual([800, 1088]);
    expect(f.image).toEqual({ x: 0, y: 0, width: 1066, height: 800 });
    expect(f.uncovered).toEqual([]);
    expect(f.padding).toEqual([{ x: 1066, y: 0, width: 22, height: 800 }]);
  });

  it('without a transform the anchors live on the input itself', () => {
    const f = anchorFrame(analyze(presetConfig('retinanet_slim_v2_50')!, [512, 512]), [640, 480])!;
    expect([f.height, f.width]).toEqual([512, 512]);
    expect(f.resized).toBeNull();
    expect(f.padding).toEqual([]);
    // 640x480 into 512x512: scale 0.8 -> 512 x 384, a 128 px band below.
    expect(f.image).toEqual({ x: 0, y: 0, width: 512, height: 384 });
    expect(f.uncovered).toEqual([{ x: 0, y: 384, width: 512, height: 128 }]);
    expect(frameCaption(f)).toBe('Drawn at the model input 512×512.');
  });

  it('an image larger than the input limit is offered at the limit, aspect ratio kept', () => {
    expect(inputForImage([12000, 9000], 8192)).toEqual([6144, 8192]);
  });
});

describe('cell density', () => {
  const retina = analyze(presetConfig('retinanet_slim_v2_50')!, [512, 512]);
  const p3 = retina.anchors!.levels.find((l) => l.level === 'P3')!;
  const rects = (paths: string[]) => paths.join('').split('M').length - 1;

  it('starts at about 8 cells along the longer side', () => {
    // P3 at 512 is 64x64: every 8th cell, 8 x 8 cells of 9 boxes.
    expect(readableStep(p3.grid)).toBe(8);
    expect(readableStep([4, 4])).toBe(1);
    expect(readableStep([25, 34])).toBe(5);
    const d = levelDrawing(p3, 3, 'all', [0, 0], 8);
    expect([d.step, d.drawnCells, d.capped]).toEqual([8, 64, false]);
    expect(rects(d.paths)).toBe(64 * 9);
  });

  it('draws the asked density, coarser only where the box cap requires, and says so', () => {
    const sparse = levelDrawing(p3, 3, 'all', [0, 0], 16);
    expect([sparse.step, sparse.drawnCells]).toEqual([16, 16]);
    // Every cell would be 36,864 boxes; the cap of 12,000 allows every 2nd (32 x 32 x 9 = 9,216).
    const dense = levelDrawing(p3, 3, 'all', [0, 0], 1);
    expect([dense.step, dense.drawnCells, dense.capped]).toEqual([2, 1024, true]);
    expect(drawingCaption(p3, dense, 'all', [0, 0])).toBe(
      "P3: 4,096 centres at torchvision's shifts (col × 8, row × 8 px). Boxes of every 2nd cell in each direction (1,024 of 4,096 cells), the densest this view draws (9,216 boxes)."
    );
    expect(drawingCaption(p3, sparse, 'all', [0, 0])).toContain(
      'every 16th cell in each direction (16 of 4,096 cells); set the cell step to 1 for all cells.'
    );
  });

  it('ordinals read as English', () => {
    expect([1, 2, 3, 4, 8, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '8th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th'
    ]);
  });
});
