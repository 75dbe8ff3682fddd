/**
 * tfjs-core registers no gradients by itself (the @tensorflow/tfjs umbrella imports this module); the
 * effective-field run needs them, and only it, so they load with it, lazily, like the backends.
 */
let loaded: Promise<unknown> | null = null;

export function loadGradients(): Promise<unknown> {
  loaded ??= import('@tensorflow/tfjs-core/dist/register_all_gradients');
  return loaded;
}
