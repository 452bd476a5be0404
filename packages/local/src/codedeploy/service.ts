import { describeThrown } from '@greenlight/contract';
import type { Engine } from '../engine/engine.js';
import { ApiError } from '../errors.js';
import { jsonResponse } from '../http/json-protocol.js';
import type { ParsedRequest, RequestContext, ServiceHandler, ServiceResponse } from '../http/types.js';
import { errorForIssue } from '../protocol/error-mapping.js';
import { MODEL } from '../protocol/model.generated.js';
import { validate } from '../protocol/validate.js';
import type { OperationContext } from './context.js';
import { OPERATIONS } from './operations.js';

const PREFIX = `${MODEL.targetPrefix}.`;

function parseBody(req: ParsedRequest): Record<string, unknown> {
  const text = req.body.toString('utf8').trim();
  if (text.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ApiError(
      'SerializationException',
      `Could not parse the request body as JSON: ${describeThrown(err).slice(0, 200)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError('SerializationException', 'Start of structure or map found where not expected');
  }
  return value as Record<string, unknown>;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * The CodeDeploy service slice: awsJson1_1, routed by `x-amz-target: CodeDeploy_20141006.<Op>`, input
 * validated against the official model.
 */
export function codeDeployService(engine: Engine): ServiceHandler {
  /** Runs `operation` on `input` (the parsed body, when the caller has it already). */
  const run = (operation: string, req: ParsedRequest, parsed?: Record<string, unknown>): unknown => {
    const impl = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
    const op = Object.hasOwn(MODEL.operations, operation) ? MODEL.operations[operation] : undefined;
    if (!impl || !op)
      throw new ApiError('UnknownOperationException', `Unknown operation ${operation.slice(0, 100)}`);
    const input = parsed ?? parseBody(req);
    const issue = validate(MODEL, op.input, input);
    if (issue) throw errorForIssue(MODEL, operation, issue);
    // Resources belong to the region the request was signed for.
    const region = req.authorization?.region ?? engine.options.region;
    const ctx: OperationContext = {
      engine,
      region,
      regional: engine.state.region(region),
      accountId: engine.options.accountId,
      now: () => engine.now(),
    };
    return impl(input, ctx);
  };

  /** Records a PutLifecycleEventHookExecutionStatus call (whatever of its body could be read) and its outcome. */
  const record = (input: Record<string, unknown> | undefined, outcome: string): void => {
    const deploymentId = str(input?.deploymentId);
    const status = str(input?.status);
    const report = {
      deploymentId,
      lifecycleEventHookExecutionId: str(input?.lifecycleEventHookExecutionId),
      status,
      outcome,
      at: new Date(engine.now()),
    };
    engine.reports.push(report);
    const dep = deploymentId ? engine.state.deployments.get(deploymentId) : undefined;
    const execution = report.lifecycleEventHookExecutionId
      ? engine.state.executions.get(report.lifecycleEventHookExecutionId)
      : undefined;
    if (dep) {
      dep.handle._emit({
        type: 'report',
        deploymentId: dep.deploymentId,
        lifecycleEvent: execution?.lifecycleEvent ?? 'unknown',
        status: status ?? 'unknown',
        outcome,
        at: report.at,
      });
    }
  };

  return {
    name: 'codedeploy',
    matches: (req) => req.target?.startsWith(PREFIX) === true,
    operation: (req) => req.target?.slice(PREFIX.length) ?? 'unknown',
    async handle(req: ParsedRequest, ctx: RequestContext): Promise<ServiceResponse> {
      if (ctx.operation !== 'PutLifecycleEventHookExecutionStatus')
        return jsonResponse(run(ctx.operation, req), ctx);
      // The body is parsed once, for the operation and for the report log (which records refused calls too).
      let input: Record<string, unknown> | undefined;
      try {
        input = parseBody(req);
        const output = run(ctx.operation, req, input);
        record(input, 'accepted');
        return jsonResponse(output, ctx);
      } catch (err) {
        record(input, err instanceof ApiError ? err.type : 'InternalFailure');
        throw err;
      }
    },
  };
}
