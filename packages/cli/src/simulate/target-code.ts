import { createRequire } from 'node:module';
import type { LambdaHandler } from '@greenlight/local';

/**
 * A Lambda function version's code for the local Lambda slice (what `invokeTarget` checks call): the bundle's
 * export, loaded in this process, as the slice calls handlers in-process. Throws when it is not a function.
 *
 * @example
 * const versions = { '2': loadTarget(bundles.files['target-version'], 'handler') };
 */
export function loadTarget(file: string, exportName: string): LambdaHandler {
  const handler = (createRequire(file)(file) as Record<string, unknown>)[exportName];
  if (typeof handler !== 'function') throw new Error(`${file} has no function export named ${exportName}`);
  return handler as LambdaHandler;
}
