import { Logger } from '@aws-lambda-powertools/logger';
import { greenlight } from '@greenlight/middy';
import middy from '@middy/core';
import { hookEvent, lambdaContext, ScriptedCodeDeploy, useEndpoint } from './helpers/codedeploy-server.js';

/** A real Powertools Logger whose printed items are kept instead of written. */
class CapturingLogger extends Logger {
  readonly items: Record<string, unknown>[] = [];
  protected override printLog(_level: number, log: { getAttributes(): Record<string, unknown> }): void {
    this.items.push(log.getAttributes());
  }
}

describe('Powertools Logger keys', () => {
  let server: ScriptedCodeDeploy;
  let restore: () => void;
  beforeEach(async () => {
    server = await ScriptedCodeDeploy.start();
    restore = useEndpoint(server.endpoint);
  });
  afterEach(async () => {
    restore();
    await server.close();
  });

  it('appends deploymentId and lifecycleEventHookExecutionId for the invocation and removes them after', async () => {
    const logger = new CapturingLogger({ serviceName: 'orders-hook', logLevel: 'DEBUG' });
    const event = hookEvent();
    const handler = middy()
      .use(greenlight({ logger }))
      .handler(async () => {
        logger.info('checking the canary');
        return true;
      });
    await handler(event, lambdaContext(10_000) as never);
    logger.info('after the invocation');

    const byMessage = (m: string) => logger.items.find((i) => i.message === m);
    const keys = {
      deploymentId: 'd-75I7MBT7C',
      lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId,
    };
    expect(byMessage('checking the canary')).toMatchObject(keys);
    expect(byMessage('greenlight hook verdict')).toMatchObject({
      ...keys,
      status: 'Succeeded',
      reported: true,
    });
    expect(byMessage('after the invocation')).not.toHaveProperty('deploymentId');
    expect(byMessage('after the invocation')).not.toHaveProperty('lifecycleEventHookExecutionId');
  });

  it('removes the keys also when the handler throws and when the report fails', async () => {
    const logger = new CapturingLogger({ serviceName: 'orders-hook', logLevel: 'DEBUG' });
    server.script('PutLifecycleEventHookExecutionStatus', {
      kind: 'error',
      status: 400,
      type: 'AccessDeniedException',
    });
    const failing = middy()
      .use(greenlight({ logger }))
      .handler(async () => {
        throw new Error('boom');
      });
    await expect(failing(hookEvent(), lambdaContext(10_000) as never)).rejects.toMatchObject({
      code: 'REPORT_ACCESS_DENIED',
    });
    logger.info('after the invocation');
    const error = logger.items.find((i) => i.message === 'greenlight hook could not report its verdict');
    expect(error).toMatchObject({ deploymentId: 'd-75I7MBT7C', status: 'Failed' });
    expect(logger.items.at(-1)).not.toHaveProperty('deploymentId');
  });

  it('keeps one invocation’s keys off the next invocation’s lines', async () => {
    const logger = new CapturingLogger({ serviceName: 'orders-hook', logLevel: 'INFO' });
    const handler = middy()
      .use(greenlight({ logger }))
      .handler(async () => true);
    const [a, b] = [hookEvent(), hookEvent()];
    await handler(a, lambdaContext(10_000) as never);
    await handler(b, lambdaContext(10_000) as never);
    const verdicts = logger.items.filter((i) => i.message === 'greenlight hook verdict');
    expect(verdicts.map((v) => v.lifecycleEventHookExecutionId)).toEqual([
      a.LifecycleEventHookExecutionId,
      b.LifecycleEventHookExecutionId,
    ]);
  });
});
