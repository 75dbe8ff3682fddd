/**
 * tfjs-core registers no gradients by itself (the @tensorflow/tfjs umbrella imports this module); the
 * effective-field run needs them, and only it, so they load with it, lazily, like the backends.
 */
let loaded: Promise<unknown> | null = null;

export function loadGradients(): Promise<unknown> {
  loaded ??= import('@tensorflow/tfjs-core/dist/register_all_gradients').catch((err: unknown) => {
    loaded = null;
    // Plain Node (tsx) cannot import tfjs-core's ES-module files; bundles (the site, npx archscope) can.
    throw new Error(
      `TensorFlow.js's gradients could not be loaded here (${err instanceof Error ? err.message : err}); the built command (npx archscope) and the site have them`
    );
  });
  return loaded;
}
