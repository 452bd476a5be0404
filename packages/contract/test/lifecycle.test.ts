import {
  CODEDEPLOY_SERVICE_EVENTS,
  ECS_HOOK_EVENTS,
  ECS_LIFECYCLE_ORDER,
  ECS_LIFECYCLE_STAGES,
  ECS_NATIVE_LIFECYCLE_ORDER,
  ECS_NATIVE_SERVICE_STEPS,
  isEcsLifecycleEvent,
  isEcsLifecycleStage,
  isLambdaLifecycleEvent,
  LAMBDA_HOOK_EVENTS,
  LAMBDA_LIFECYCLE_ORDER,
} from '@greenlight/contract';

const without = (list: readonly string[], left: readonly string[]) => list.filter((e) => !left.includes(e));

describe('the CodeDeploy lifecycle', () => {
  it('runs the hook events of a Lambda deployment around its own AllowTraffic', () => {
    expect(without(LAMBDA_LIFECYCLE_ORDER, CODEDEPLOY_SERVICE_EVENTS)).toEqual([...LAMBDA_HOOK_EVENTS]);
    expect(LAMBDA_LIFECYCLE_ORDER).toEqual(['BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic']);
  });

  it('runs the five ECS hook events, in order, between Install, AllowTestTraffic and AllowTraffic', () => {
    expect(without(ECS_LIFECYCLE_ORDER, CODEDEPLOY_SERVICE_EVENTS)).toEqual([...ECS_HOOK_EVENTS]);
    expect(ECS_HOOK_EVENTS).toHaveLength(5);
    expect(ECS_LIFECYCLE_ORDER.filter((e) => CODEDEPLOY_SERVICE_EVENTS.includes(e as never))).toEqual([
      ...CODEDEPLOY_SERVICE_EVENTS,
    ]);
  });

  it('has the Lambda hook events last in an ECS deployment too (the same names, the same meaning)', () => {
    expect(ECS_HOOK_EVENTS.slice(-2)).toEqual([...LAMBDA_HOOK_EVENTS]);
  });

  it('tells hook events from anything else', () => {
    expect(LAMBDA_HOOK_EVENTS.every(isLambdaLifecycleEvent)).toBe(true);
    expect(ECS_HOOK_EVENTS.every(isEcsLifecycleEvent)).toBe(true);
    for (const value of [
      'AllowTraffic',
      'Install',
      'ApplicationStart',
      'beforeallowtraffic',
      '',
      7,
      null,
      undefined,
    ])
      expect([value, isLambdaLifecycleEvent(value) || isEcsLifecycleEvent(value)]).toEqual([value, false]);
    expect(isLambdaLifecycleEvent('BeforeInstall')).toBe(false);
  });
});

describe('the Amazon ECS native lifecycle', () => {
  it('runs the eight hook stages in order, with ECS steps between them', () => {
    expect(ECS_LIFECYCLE_STAGES).toHaveLength(8);
    expect(without(ECS_NATIVE_LIFECYCLE_ORDER, ECS_NATIVE_SERVICE_STEPS)).toEqual([...ECS_LIFECYCLE_STAGES]);
    expect(ECS_NATIVE_LIFECYCLE_ORDER.indexOf('SCALE_UP')).toBe(
      ECS_NATIVE_LIFECYCLE_ORDER.indexOf('PRE_SCALE_UP') + 1,
    );
    expect(ECS_NATIVE_LIFECYCLE_ORDER.slice(-2)).toEqual(['BAKE_TIME', 'CLEAN_UP']);
  });

  it('tells a stage from a CodeDeploy event or an ECS step', () => {
    expect(ECS_LIFECYCLE_STAGES.every(isEcsLifecycleStage)).toBe(true);
    for (const value of ['SCALE_UP', 'BAKE_TIME', 'AfterAllowTestTraffic', 'post_scale_up', {}, undefined])
      expect(isEcsLifecycleStage(value)).toBe(false);
  });
});

describe('every list', () => {
  it.each(
    Object.entries({
      LAMBDA_HOOK_EVENTS,
      ECS_HOOK_EVENTS,
      CODEDEPLOY_SERVICE_EVENTS,
      LAMBDA_LIFECYCLE_ORDER,
      ECS_LIFECYCLE_ORDER,
      ECS_LIFECYCLE_STAGES,
      ECS_NATIVE_SERVICE_STEPS,
      ECS_NATIVE_LIFECYCLE_ORDER,
    }),
  )('%s is frozen: no package can change it for the others', (_, list) => {
    expect(Object.isFrozen(list)).toBe(true);
    expect(() => (list as unknown as string[]).push('x')).toThrow(TypeError);
    expect(new Set(list).size).toBe(list.length);
  });
});
