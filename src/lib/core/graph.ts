/**
 * A small builder for graphs: builders call `add` in topological order and get back the node id,
 * so wiring reads like the forward pass it describes.
 */
import type { Diagnostic, GraphNode, Graph, GroupInfo, OpAttrs, OpKind } from './types';

export class GraphBuilder {
  private nodes: GraphNode[] = [];
  private ids = new Set<string>();
  private groups: GroupInfo[] = [];
  private taps: Record<string, string> = {};
  private notes: Diagnostic[] = [];
  /** Module path -> the first node that uses it (later users share its weights). */
  private owners = new Map<string, string>();

  note(d: Diagnostic): void {
    this.notes.push(d);
  }

  /** `module` names the weights' owner module; a module already used by an earlier node is shared. */
  add<K extends OpKind>(
    id: string,
    op: K,
    attrs: OpAttrs[K],
    inputs: string[],
    tap?: string,
    module?: string
  ): string {
    if (this.ids.has(id)) throw new Error(`duplicate node id ${id}`);
    for (const i of inputs) if (!this.ids.has(i)) throw new Error(`node ${id} reads unknown node ${i}`);
    this.ids.add(id);
    const owner = module ? this.owners.get(module) : undefined;
    if (module && !owner) this.owners.set(module, id);
    this.nodes.push({
      id,
      op,
      attrs,
      inputs,
      ...(tap ? { tap } : {}),
      ...(module ? { module } : {}),
      ...(owner ? { sharesWith: owner } : {})
    } as GraphNode);
    if (tap) this.taps[tap] = id;
    return id;
  }

  tap(name: string, id: string): void {
    const node = this.nodes.find((n) => n.id === id);
    if (!node) throw new Error(`cannot tap unknown node ${id}`);
    node.tap = name;
    this.taps[name] = id;
  }

  group(info: GroupInfo): void {
    this.groups.push(info);
  }

  build(): Graph {
    return { nodes: this.nodes, groups: this.groups, taps: this.taps, notes: this.notes };
  }
}
