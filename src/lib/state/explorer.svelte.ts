/**
 * The explorer's state: preset, config and input size, and what follows from them. The graph is
 * input-size independent, so `model` depends on the config alone and a size slider only re-runs
 * inference. Config and input are replaced, never mutated ($state.raw), so each change is one signal.
 */
import { type Analysis, analyze } from '../models/analyze';
import { type BuiltModel, buildModel } from '../models/build';
import type { ModelConfig } from '../models/config';
import { resolveConfig } from '../models/resolve';
import { quoteInput } from '../quote-input';
import { selectionOf } from '../viz/details';
import {
  DEFAULT_PRESET,
  SELECTION_KEY,
  type UrlProblem,
  type UrlState,
  decodeQuery,
  encodeState,
  overridesOf,
  presetBase,
  withSelection
} from './url';

export type Outcome = { analysis: Analysis; error: null } | { analysis: null; error: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class Explorer {
  preset = $state(DEFAULT_PRESET);
  config = $state.raw<ModelConfig>(presetBase(DEFAULT_PRESET).config);
  input = $state.raw<[number, number]>(presetBase(DEFAULT_PRESET).input);
  /** The selected node id or group path (`C3`, `C3/unit2`), shown in the details panel. */
  selected = $state<string | null>(null);
  /** True while a slider is held: URL sync replaces the history entry instead of adding one per tick. */
  dragging = false;

  /** Rebuilt only when `config` is replaced; never on an input-size change. */
  readonly model: BuiltModel | Error = $derived.by(() => {
    try {
      return buildModel(this.config);
    } catch (e) {
      return new Error(message(e));
    }
  });

  /** A bug in the engine must not blank the page: it becomes a message instead. */
  readonly outcome: Outcome = $derived.by(() => {
    const model = this.model;
    if (model instanceof Error)
      return { analysis: null, error: `could not build this model: ${model.message}` };
    try {
      const analysis = analyze(this.config, this.input, model);
      // Counts past 2^53 would print rounded: refuse them, with the batch that fits (models/exact.ts).
      const inexact = analysis.diagnostics.find((d) => d.code === 'inexact');
      if (inexact) return { analysis: null, error: inexact.message };
      return { analysis, error: null };
    } catch (e) {
      return { analysis: null, error: `could not analyse this model: ${message(e)}` };
    }
  });

  /** The configuration's query string (what a compare link carries for this side). */
  readonly query: string = $derived(
    encodeState({ preset: this.preset, input: this.input, config: this.config })
  );
  /** The address bar's query: the configuration and the selection. */
  readonly permalink: string = $derived(withSelection(this.query, this.selected));

  constructor(initial?: UrlState) {
    if (initial) this.load(initial);
  }

  load(s: UrlState): void {
    this.preset = s.preset;
    this.config = s.config;
    this.input = s.input;
    this.selected = s.selected ?? null;
  }

  /** Reads a query string; returns the problems (each bad parameter and why) for the notice. */
  loadQuery(search: string): UrlProblem[] {
    const { state, problems } = decodeQuery(search);
    this.load(state);
    const sel = this.selected;
    const analysis = this.outcome.analysis;
    // A selection this model does not have (a link edited by hand, or from another depth) is dropped.
    if (sel && analysis && !selectionOf(analysis, sel)) {
      problems.push({
        param: SELECTION_KEY,
        value: sel,
        message: `${quoteInput(`${SELECTION_KEY}=${sel}`)} names no layer or group of this model; ignored`
      });
      this.selected = null;
    }
    return problems;
  }

  choosePreset(id: string): void {
    const base = presetBase(id);
    this.preset = id;
    this.config = base.config;
    this.input = base.input;
  }

  /** What the config would be with these [key, text] changes, through the same rules as the CLI. */
  tryChanges(
    changes: Array<[string, string]>
  ): { ok: true; config: ModelConfig } | { ok: false; message: string } {
    const r = resolveConfig(this.preset, null, [...overridesOf(this.preset, this.config), ...changes]);
    return r.ok ? { ok: true, config: r.value.config } : { ok: false, message: r.errors.join('; ') };
  }

  /** Applies the changes, or keeps the last valid config and returns the schema's message. */
  set(changes: Array<[string, string]>): string | null {
    const r = this.tryChanges(changes);
    if (!r.ok) return r.message;
    this.config = r.config;
    return null;
  }

  setInput(h: number, w: number): void {
    if (h !== this.input[0] || w !== this.input[1]) this.input = [h, w];
  }
}
