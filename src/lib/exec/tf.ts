/**
 * The executor receives the tfjs module as a value (it is loaded lazily, see backend.ts), so only
 * types are imported here and no code in src/lib/exec pulls tfjs into the main bundle by itself.
 */
import type * as TfCore from '@tensorflow/tfjs-core';

export type Tf = typeof TfCore;
export type Tensor = TfCore.Tensor;
export type Tensor4D = TfCore.Tensor4D;
