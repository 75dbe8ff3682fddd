/**
 * build_model()'s freezing: what `trainableLayers` freezes, as module names whose parameters get
 * requires_grad=False, the way torchvision's _resnet_fpn_extractor matches parameter names by prefix.
 */
import type { Graph } from '../../core/types';
import type { ModelConfig } from '../../models/config';
import { frozenText, trains } from '../../models/trainable';
import { pyString } from './python';

const within = (module: string, prefix: string) => module === prefix || module.startsWith(`${prefix}.`);

/** The dotted prefix every name shares ('' when none). */
function commonPrefix(names: string[]): string {
  const split = names.map((n) => n.split('.'));
  const out: string[] = [];
  for (let i = 0; split.every((s) => i < s.length - 1 && s[i] === split[0][i]); i++) out.push(split[0][i]);
  return out.join('.');
}

/**
 * The frozen modules, one prefix per frozen part where a prefix covers it and nothing that trains
 * (`backbone.body.layer1`), else the part's modules one by one (the stem's conv1 and bn1).
 */
export function frozenModules(graph: Graph): string[] {
  const parts = new Map<string, string[]>();
  const trained: string[] = [];
  for (const n of graph.nodes) {
    if (!n.module || n.sharesWith) continue;
    if (trains(n)) trained.push(n.module);
    else {
      const part = n.id.split('/')[0];
      parts.set(part, [...(parts.get(part) ?? []), n.module]);
    }
  }
  return [...parts.values()].flatMap((modules) => {
    const prefix = commonPrefix(modules);
    return prefix && !trained.some((m) => within(m, prefix)) ? [prefix] : modules;
  });
}

/** The FROZEN tuple and build_model(), freezing as the config says (no tuple when nothing is frozen). */
export function buildModelCode(graph: Graph, cfg: ModelConfig): string[] {
  const frozen = frozenModules(graph);
  const doc =
    '    """The configured model, in eval mode (BatchNorm on its running statistics, dropout off)."""';
  if (!frozen.length) return ['def build_model():', doc, '    return Model().eval()'];
  return [
    `# ${frozenText(cfg)}. Their parameters get requires_grad=False, matched by`,
    "# name prefix as torchvision's _resnet_fpn_extractor does.",
    'FROZEN = (',
    ...frozen.map((m) => `    ${pyString(m)},`),
    ')',
    '',
    '',
    'def build_model():',
    doc,
    '    model = Model().eval()',
    '    for name, parameter in model.named_parameters():',
    "        module = name.rsplit('.', 1)[0]",
    "        if any(module == m or module.startswith(m + '.') for m in FROZEN):",
    '            parameter.requires_grad_(False)',
    '    return model'
  ];
}
