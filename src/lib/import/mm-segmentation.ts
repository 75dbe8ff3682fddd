/**
 * MMSegmentation's EncoderDecoder heads -> ArchScope keys. The decode head reads C5 and the
 * auxiliary FCNHead C4, as ArchScope's segmentation heads do:
 * - PSPHead: pooling branches of `channels` each (ArchScope: C5 / bins, so channels must be that),
 *   concat with C5, a 3x3 bottleneck of `channels`, dropout, 1x1 to the classes;
 * - ASPPHead and FCNHead: ArchScope's builds of mmseg's own heads, with mmseg's module names
 *   (head=mmseg_aspp, head=mmseg_fcn; mm-seg-heads.ts);
 * - the auxiliary FCNHead: one 3x3 conv of in_channels / 4, no concat_input (mmseg's under an mmseg
 *   decode head, torchvision's design under PSPHead).
 */
import type { KeyReader } from './leaves';
import { ConfigBuilder, isInt, numbers, repr } from './mapping';
import type { BackboneInfo } from './mm-backbone';
import { normOf } from './mm-backbone';
import { mapAsppHead, mapFcnHead } from './mm-seg-heads';

const DECODERS = ['PSPHead', 'FCNHead', 'ASPPHead'];
const IGNORED: Array<[string, string]> = [
  ['dropout_ratio', 'dropout is the identity at inference'],
  ['loss_decode', 'training only'],
  ['sampler', 'training only'],
  ['ignore_index', 'training only'],
  ['act_cfg', 'ReLU, as ArchScope builds'],
  ['conv_cfg', 'plain convolutions']
];

/** A head's in_index must pick the stage ArchScope reads (C5 for the decode head, C4 for aux). */
function checkInput(
  r: KeyReader,
  b: ConfigBuilder,
  P: string,
  backbone: BackboneInfo,
  stage: number
): boolean {
  const outs = backbone.outIndices;
  const raw = r.given(`${P}.in_index`) ? r.get(`${P}.in_index`) : -1;
  const at = isInt(raw) ? (raw < 0 ? outs.length + raw : raw) : -1;
  if (outs[at] !== stage) {
    r.refused(
      `${P}.in_index`,
      `${repr(raw)} cannot be represented: this head reads C${stage + 2} in ArchScope (backbone output ${outs.indexOf(stage)} here)`
    );
    return false;
  }
  if (r.given(`${P}.in_index`)) b.checked(`${P}.in_index`, `reads C${stage + 2}`);
  const ch = r.get(`${P}.in_channels`);
  if (ch !== backbone.channels[stage]) {
    r.refused(
      `${P}.in_channels`,
      `${repr(ch)} does not match C${stage + 2}'s ${backbone.channels[stage]} channels`
    );
    return false;
  }
  b.checked(`${P}.in_channels`, `C${stage + 2}'s channels`);
  if (r.given(`${P}.input_transform`) && r.get(`${P}.input_transform`) !== null)
    r.refused(
      `${P}.input_transform`,
      `${repr(r.get(`${P}.input_transform`))} cannot be represented: ArchScope's heads read one stage`
    );
  const norm = r.given(`${P}.norm_cfg`) ? normOf(r.get(`${P}.norm_cfg`)) : 'none';
  if (norm !== 'bn')
    r.refused(
      `${P}.norm_cfg`,
      `${repr(r.get(`${P}.norm_cfg`))} cannot be represented: ArchScope's segmentation heads use BatchNorm (BN, SyncBN)`
    );
  else b.checked(`${P}.norm_cfg`, 'BatchNorm in the head');
  for (const [k, why] of IGNORED) r.ignored(`${P}.${k}`, why);
  return true;
}

/** An auxiliary FCNHead of the one design ArchScope builds: one 3x3 conv to in_channels / 4, no concat. */
function plainFcn(r: KeyReader, b: ConfigBuilder, P: string): boolean {
  const get = (k: string) => r.get(`${P}.${k}`);
  const inCh = get('in_channels');
  const want = isInt(inCh) ? Math.floor(inCh / 4) : NaN;
  let ok = true;
  const need = (k: string, v: unknown, dflt: unknown, why: string) => {
    const got = r.given(`${P}.${k}`) ? get(k) : dflt;
    if (got !== v) {
      r.refused(`${P}.${k}`, `${repr(get(k) ?? (dflt as never))} cannot be represented: ${why}`);
      ok = false;
    } else if (r.given(`${P}.${k}`)) b.checked(`${P}.${k}`, why.replace(/^ArchScope's FCN head /, ''));
  };
  need(
    'channels',
    want,
    undefined,
    `ArchScope's FCN head has in_channels / 4 = ${want} channels, as torchvision's FCNHead`
  );
  need('num_convs', 1, 2, "ArchScope's FCN head has one 3x3 conv");
  need('concat_input', false, true, "ArchScope's FCN head does not concatenate its input");
  need('kernel_size', 3, 3, "ArchScope's FCN head has a 3x3 conv");
  need('dilation', 1, 1, "ArchScope's FCN head has an undilated conv");
  return ok;
}

export function mapSegmenter(r: KeyReader, b: ConfigBuilder, backbone: BackboneInfo): string[] {
  const notes: string[] = [];
  const D = 'model.decode_head';
  const type = r.get(`${D}.type`);
  if (r.given('model.neck') && r.get('model.neck') !== null)
    r.refused(
      'model.neck',
      `${repr(r.get('model.neck.type'))} cannot be represented: ArchScope's segmentation heads read the backbone directly`
    );
  if (typeof type !== 'string' || !DECODERS.includes(type)) {
    r.refused(
      `${D}.type`,
      `${repr(type)} is not a decode head ArchScope builds: use PSPHead, FCNHead or ASPPHead`
    );
    return notes;
  }
  b.set('model.type', { neck: 'none', transform: 'none' }, 'encoder-decoder: a head on the backbone');
  if (r.given('model.backbone.out_indices'))
    b.checked('model.backbone.out_indices', 'the stages the heads read (in_index)');
  b.checked(`${D}.type`, type === 'PSPHead' ? 'head=pspnet' : `MMSegmentation's ${type}`);
  if (!checkInput(r, b, D, backbone, 3)) return notes;
  const k = r.get(`${D}.num_classes`);
  if (!isInt(k) || k < 1 || k > 100000)
    r.refused(`${D}.num_classes`, `${repr(k)} must be an integer from 1 to 100000`);
  else b.set(`${D}.num_classes`, { classes: k });
  if (type === 'PSPHead') {
    const bins = r.given(`${D}.pool_scales`) ? numbers(r.get(`${D}.pool_scales`)) : [1, 2, 3, 6];
    const ch = r.get(`${D}.channels`);
    const branch = bins ? Math.floor(backbone.channels[3] / bins.length) : NaN;
    if (!bins || bins.length < 1 || bins.length > 8 || !bins.every((v) => isInt(v) && v >= 1 && v <= 64))
      r.refused(
        `${D}.pool_scales`,
        `${repr(r.get(`${D}.pool_scales`))} must be 1 to 8 bin sizes from 1 to 64`
      );
    else b.set(r.given(`${D}.pool_scales`) ? `${D}.pool_scales` : `${D}.type`, { head: 'pspnet', bins });
    if (!isInt(ch) || ch !== branch)
      r.refused(
        `${D}.channels`,
        `${repr(ch)} cannot be represented: ArchScope's pooling branches have C5 / ${bins?.length ?? 4} = ${branch} channels, and mmseg gives them \`channels\``
      );
    else b.set(`${D}.channels`, { pspChannels: ch }, 'the pooling branches and the 3x3 bottleneck');
    if (r.get(`${D}.align_corners`) === false)
      notes.push(
        "MMSegmentation's PSPHead upsamples with align_corners=False, ArchScope's PSPNet with align_corners=True: shapes, parameters and MACs are the same, a live run's values are not"
      );
  } else if (type === 'ASPPHead') mapAsppHead(r, b, D);
  else mapFcnHead(r, b, D, backbone.channels[3]);
  r.ignored(`${D}.align_corners`, 'bilinear corner alignment changes values, not shapes or costs');
  mapAux(r, b, backbone, k);
  r.ignored(
    'model.test_cfg',
    "inference mode ('whole' or sliding windows): ArchScope runs the network once on the input size"
  );
  r.ignored('model.train_cfg', 'training only');
  return notes;
}

function mapAux(r: KeyReader, b: ConfigBuilder, backbone: BackboneInfo, classes: unknown): void {
  const A = 'model.auxiliary_head';
  const aux = r.get(A);
  if (aux === undefined || aux === null) {
    b.config.aux = false;
    if (r.given(A)) b.set(A, { aux: false });
    return;
  }
  if (Array.isArray(aux)) {
    r.refused(A, `${repr(aux)} cannot be represented: ArchScope builds one auxiliary head`);
    return;
  }
  if (r.get(`${A}.type`) !== 'FCNHead') {
    r.refused(
      `${A}.type`,
      `${repr(r.get(`${A}.type`))} cannot be represented: ArchScope's auxiliary head is an FCNHead on C4`
    );
    return;
  }
  if (!checkInput(r, b, A, backbone, 2) || !plainFcn(r, b, A)) return;
  if (r.get(`${A}.num_classes`) !== classes)
    r.refused(
      `${A}.num_classes`,
      `${repr(r.get(`${A}.num_classes`))} must equal the decode head's num_classes`
    );
  else b.checked(`${A}.num_classes`, "the decode head's classes");
  b.set(`${A}.type`, { aux: true }, 'FCNHead on C4');
  r.ignored(`${A}.align_corners`, 'bilinear corner alignment changes values, not shapes or costs');
}
