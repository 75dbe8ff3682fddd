/**
 * The configs of scripts/fixtures/mmseg_heads.py's models as ArchScope builds them: the four r50-d8
 * models imported from their MMSegmentation config fixtures, the variants as the Cityscapes import
 * with the fixture's keys over it. Shared by the golden test and the PyTorch export cases.
 */
import type { ModelConfig } from '../../src/lib/models/config';
import { loadFixture } from './golden-fixture';
import { imported, importFixtures } from './import-fixtures';

export interface MmsegModel {
  config: Partial<ModelConfig>;
  params: number;
  head_params: number;
  head_state_dict: Record<string, number[]>;
  sizes: Record<string, Record<string, number[]>>;
}

export const MMSEG_MODELS = loadFixture<{ models: Record<string, MmsegModel> }>('mmseg_heads').models;

const CONFIGS: Record<string, [string, string]> = {
  'deeplabv3_r50-d8_cityscapes': ['deeplabv3', '4xb2-40k_cityscapes-512x1024'],
  'deeplabv3_r50-d8_ade20k': ['deeplabv3', '4xb4-80k_ade20k-512x512'],
  'fcn_r50-d8_cityscapes': ['fcn', '4xb2-40k_cityscapes-512x1024'],
  'fcn_r50-d8_ade20k': ['fcn', '4xb4-80k_ade20k-512x512']
};

const importOf = ([model, schedule]: [string, string]) =>
  imported(
    importFixtures(`mmseg/_base_/models/${model}_r50-d8.py`, `mmseg/${model}/${model}_r50-d8_${schedule}.py`)
  ).config;

/** Whether the model's config comes from an imported config fixture (not a variant). */
export const isImported = (name: string) => Object.hasOwn(CONFIGS, name);

export function mmsegConfig(name: string): ModelConfig {
  if (isImported(name)) return importOf(CONFIGS[name]);
  const m = MMSEG_MODELS[name];
  const base = m.config.head === 'mmseg_aspp' ? 'deeplabv3_r50-d8_cityscapes' : 'fcn_r50-d8_cityscapes';
  return { ...importOf(CONFIGS[base]), ...m.config };
}
