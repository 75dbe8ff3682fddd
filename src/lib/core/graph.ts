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

  note(d: Diagnostic): void {
    this.notes.push(d);
  }

  add<K extends OpKind>(id: string, op: K, attrs: OpAttrs[K], inputs: string[], tap?: string): string {
    if (this.ids.has(id)) throw new Error(`duplicate node id ${id}`);
    for (const i of inputs) if (!this.ids.has(i)) throw new Error(`node ${id} reads unknown node ${i}`);
    this.ids.add(id);
    this.nodes.push({ id, op, attrs, inputs, ...(tap ? { tap } : {}) } as GraphNode);
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

  has(id: string): boolean {
    return this.ids.has(id);
  }

  build(): Graph {
    return { nodes: this.nodes, groups: this.groups, taps: this.taps, notes: this.notes };
  }
}
