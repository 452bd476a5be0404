import { createHash } from 'node:crypto';

/** A Lambda AppSpec revision (AppSpecContent with its sha256) as CreateDeployment takes it. */
export function lambdaRevision(hooks: Record<string, string>[] = [], name = 'fn') {
  const content = JSON.stringify({
    version: 0.0,
    Resources: [
      {
        fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Name: name, Alias: 'live', CurrentVersion: '1', TargetVersion: '2' },
        },
      },
    ],
    Hooks: hooks,
  });
  return {
    revisionType: 'AppSpecContent' as const,
    appSpecContent: { content, sha256: createHash('sha256').update(content).digest('hex') },
  };
}
