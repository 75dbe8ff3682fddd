/**
 * Issue 10, item 7: a selection is an op or a group (stage, unit); its details sum the group's ops,
 * and it travels in the permalink. Expectations are hand counts for torchvision's ResNet-50.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/lib/models/analyze';
import { presetConfig } from '../../src/lib/models/presets';
import { Explorer } from '../../src/lib/state/explorer.svelte';
import { decodeQuery, withSelection, withoutSelection } from '../../src/lib/state/url';
import { stageTotals } from '../../src/lib/viz/charts-data';
import { defaultExpanded, reveal } from '../../src/lib/viz/graph-collapse';
import { selectionDetails, selectionOf } from '../../src/lib/viz/details';
import { loadFixture } from './golden-fixture';

const resnet50 = analyze(presetConfig('resnet50')!, [224, 224]);
const details = (id: string) => Object.fromEntries(selectionDetails(resnet50, selectionOf(resnet50, id)!));

describe('a selected group', () => {
  it("C3 (torchvision's layer2) is the stage, not its last op", () => {
    const sel = selectionOf(resnet50, 'C3')!;
    expect(sel.kind).toBe('stage');
    expect(sel.children).toEqual(['C3/unit1', 'C3/unit2', 'C3/unit3', 'C3/unit4']);
    expect(sel.inputs).toEqual([resnet50.model.graph.taps.C2]);
    expect(sel.output).toBe(resnet50.model.graph.taps.C3);
    const d = details('C3');
    // unit1: 256*128 + 128*128*9 + 128*512 + 256*512 (projection) + BN 2*(128+128+512+512) = 379,392;
    // units 2-4: 512*128 + 128*128*9 + 128*512 + BN 2*(128+128+512) = 280,064 each.
    expect(d.params).toBe('1,219,584');
    expect(379_392 + 3 * 280_064).toBe(1_219_584);
    // At 224: unit1 1x1 at 56x56 (256*128*3136), 3x3/2 to 28x28, 1x1 and projection at 784 px;
    // units 2-4: (65,536 + 147,456 + 65,536) * 784 each.
    expect(d.MACs).toBe(
      (102_760_448 + 115_605_504 + 51_380_224 + 102_760_448 + 3 * 218_365_952).toLocaleString('en-US')
    );
    expect(d.input).toBe('[1, 256, 56, 56]');
    expect(d.output).toBe('[1, 512, 28, 28]');
    // Stem 7/2 -> 7 (jump 2), max-pool 3/2 -> 11 (jump 4), C2's three 3x3 -> 35, C3's 3x3/2 -> 43
    // (jump 8), three more 3x3 -> 91.
    expect(d['receptive field']).toBe('91 px, stride 8, first centre 0');
  });

  it("a unit's details are its own ops: C3/unit2 holds 280,064 parameters", () => {
    const sel = selectionOf(resnet50, 'C3/unit2')!;
    expect(sel.kind).toBe('unit');
    expect(sel.inputs).toEqual(['C3/unit1/relu']);
    expect(details('C3/unit2').params).toBe('280,064');
  });

  it('the params bar of C3 in the charts is the same sum', () => {
    expect(stageTotals(resnet50).find((s) => s.stage === 'C3')?.params).toBe(1_219_584);
  });

  it("the FPN neck reads C2..C5 and holds torchvision's FPN parameters", () => {
    const a = analyze(presetConfig('fasterrcnn_resnet50_fpn_backbone')!, [224, 224]);
    const sel = selectionOf(a, 'neck')!;
    expect(sel.inputs).toEqual(['C5', 'C4', 'C3', 'C2'].map((t) => a.model.graph.taps[t]));
    // torchvision: backbone with FPN minus resnet50 without its fc (2048 x 1000 + 1000).
    const backbone = loadFixture<{ backbone_params: number }>('fasterrcnn_resnet50_fpn').backbone_params;
    const r50 = loadFixture<{ models: Record<string, { params: number }> }>('classifiers').models.resnet50
      .params;
    const fpn = backbone - (r50 - 2_049_000);
    expect(fpn).toBe(3_344_384);
    expect(Object.fromEntries(selectionDetails(a, sel)).params).toBe(fpn.toLocaleString('en-US'));
  });

  it('an op is still an op; an unknown id selects nothing', () => {
    expect(selectionOf(resnet50, 'C3/unit4/relu')).toMatchObject({
      kind: 'relu',
      members: ['C3/unit4/relu']
    });
    expect(selectionOf(resnet50, 'C9')).toBeNull();
    expect(selectionOf(resnet50, null)).toBeNull();
  });

  it('the layer graph opens the groups around a selected unit, and leaves a selected stage closed', () => {
    const graph = resnet50.model.graph;
    const closed = defaultExpanded(graph);
    expect([...reveal(graph, closed, 'C3/unit2')!]).toContain('C3');
    expect(reveal(graph, closed, 'C3')).toBeNull();
  });
});

describe('the selection in the permalink', () => {
  const base = 'preset=resnet50&input=224x224';

  it('is written last with readable slashes, and read back without a problem', () => {
    expect(withSelection(base, 'C3/unit2')).toBe(`${base}&sel=C3/unit2`);
    expect(withSelection(base, null)).toBe(base);
    const { state, problems } = decodeQuery(`?${base}&sel=C3/unit2`);
    expect(problems).toEqual([]);
    expect(state.selected).toBe('C3/unit2');
    expect(withoutSelection(`${base}&sel=C3`)).toBe(withoutSelection(base));
  });

  it('restores on load; a name this model lacks is dropped with a notice', () => {
    const e = new Explorer();
    expect(e.loadQuery(`?${base}&sel=C3/unit2`)).toEqual([]);
    expect(e.selected).toBe('C3/unit2');
    expect(e.permalink).toBe(`${base}&sel=C3/unit2`);
    // ResNet-50 has no fifth unit in C3.
    const problems = e.loadQuery(`?${base}&sel=C3/unit5`);
    expect(problems.map((p) => p.param)).toEqual(['sel']);
    expect(problems[0].message).toContain('names no layer or group of this model; ignored');
    expect(e.selected).toBeNull();
    expect(e.permalink).toBe(base);
  });
});
