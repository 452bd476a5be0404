// Compiled by the type-check (`tsc -p tsconfig.json`), never run: the claims below are compile-time ones.
// An `@ts-expect-error` line fails the type-check when its line compiles.
import {
  type Check,
  type CodeDeployHookContext,
  createEcsHook,
  createHook,
  type EcsNativeHookContext,
  type GreenlightErrorCode,
  type HookContext,
  type HookReportError,
  type HookStatus,
  isGreenlightError,
} from '@greenlight/core';
import { is, type OptionSpec } from '@greenlight/core/internal';

// In an ECS native hook, the deployment group (a CodeDeploy thing) is a compile error.
export const ecs = createEcsHook(async (ctx) => {
  // @ts-expect-error: an Amazon ECS native deployment has no CodeDeploy deployment group.
  await ctx.deploymentGroup();
  return true;
});
export const ecsTyped: Check<EcsNativeHookContext> = async (ctx) => {
  // @ts-expect-error: the same, with the context named.
  await ctx.deploymentGroup();
  return ctx.platform === 'ecs-native';
};

// In a CodeDeploy hook it compiles.
export const codeDeploy = createHook(
  async (ctx) => (await ctx.deploymentGroup()).alarmConfiguration?.enabled === true,
);

// A check for both platforms narrows on `platform`.
export const both: Check = async (ctx: HookContext) => {
  if (ctx.platform === 'codedeploy') {
    const group = await ctx.deploymentGroup();
    return group.deploymentGroupName !== '';
  }
  return (await ctx.target()).kind === 'ecs-native';
};
createHook(both);
createEcsHook(both);

// A CodeDeploy-only check does not fit an ECS native hook.
const groupOnly: Check<CodeDeployHookContext> = async (ctx) => Boolean(await ctx.deploymentGroup());
createHook(groupOnly);
// @ts-expect-error: a check that needs the deployment group cannot run in an ECS native hook.
createEcsHook(groupOnly);

// The error design: a closed union of codes, narrowed by the predicate; HookReportError.status is a HookStatus.
export function handled(error: unknown): HookStatus | undefined {
  if (isGreenlightError(error, 'REPORT_ACCESS_DENIED')) {
    const narrowed: HookReportError = error;
    return narrowed.status;
  }
  return undefined;
}
// @ts-expect-error: not a greenlight code.
export const unknownCode: GreenlightErrorCode = 'REPORT_DENIED';

// The option validator's spec is tied to the options interface: a missing or an unknown key does not compile.
interface TwoOptions {
  readonly a?: number;
  readonly b?: boolean;
}
// @ts-expect-error: `b` has no validator.
export const missing: OptionSpec<TwoOptions> = { a: is.positive };
// @ts-expect-error: `c` is not an option.
export const extra: OptionSpec<TwoOptions> = { a: is.positive, b: is.boolean, c: is.boolean };
export const exact: OptionSpec<TwoOptions> = { a: is.positive, b: is.boolean };
