import { createHash } from 'node:crypto';
import { InvalidOptionsError } from '@greenlight/contract';
import { ApiError } from '../errors.js';
import type { RequestContext, ServiceHandler, WireError } from '../http/types.js';
import { queryCode } from './protocols.js';
import { isQueryRequest, parseQuery, queryAction, queryError, queryResponse } from './query.js';
import type { AwsServicesState, ResolvedServicesOptions } from './state.js';
import { type Input, list, str, strings } from './values.js';

const XMLNS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

/**
 * A target's health state, as ELBv2 spells it.
 *
 * @example
 * services.elbv2.setTargetHealth('orders-green', [{ id: '10.0.1.15', state: 'initial' satisfies TargetHealthState }]);
 */
export type TargetHealthState =
  | 'initial'
  | 'healthy'
  | 'unhealthy'
  | 'unhealthy.draining'
  | 'unused'
  | 'draining'
  | 'unavailable';

/**
 * One registered target and its health, as a test sets it.
 *
 * @example
 * { id: '10.0.1.15', port: 8080, state: 'unhealthy', reason: 'Target.FailedHealthChecks' }
 */
export interface TargetHealthInput {
  readonly id: string;
  /** @default 80 */
  readonly port?: number;
  readonly state: TargetHealthState;
  readonly reason?: string;
  readonly description?: string;
}

const STATES = ['initial', 'healthy', 'unhealthy', 'unhealthy.draining', 'unused', 'draining', 'unavailable'];

/** ELBv2 target groups and target health: set by tests, or derived from the simulated ECS task sets. */
export class Elbv2Slice {
  readonly #state: AwsServicesState;
  readonly #options: ResolvedServicesOptions;
  readonly #explicit = new Map<string, TargetHealthInput[]>();

  constructor(state: AwsServicesState, options: ResolvedServicesOptions) {
    this.#state = state;
    this.#options = options;
  }

  /** The ARN of a target group name (stable: the suffix is a hash of the name). */
  arnOf(name: string): string {
    const { region, accountId } = this.#options;
    const id = createHash('sha256').update(name).digest('hex').slice(0, 16);
    return `arn:aws:elasticloadbalancing:${region}:${accountId}:targetgroup/${name}/${id}`;
  }

  /** Sets the targets of a target group (by name or ARN), replacing any earlier ones. */
  setTargetHealth(targetGroup: string, targets: readonly TargetHealthInput[]): void {
    const name = targetGroup.startsWith('arn:') ? (targetGroup.split('/')[1] ?? '') : targetGroup;
    if (!/^[A-Za-z0-9-]{1,32}$/.test(name))
      throw new InvalidOptionsError(
        'targetGroup',
        `Expected a target group name or ARN, got ${JSON.stringify(targetGroup)}`,
      );
    for (const t of targets) {
      if (!STATES.includes(t.state))
        throw new InvalidOptionsError(
          'targets',
          `Expected a target state (${STATES.join(', ')}), got ${JSON.stringify(t.state)}`,
        );
    }
    this.#explicit.set(
      name,
      targets.map((t) => ({ ...t })),
    );
  }

  #names(): Set<string> {
    const names = new Set(this.#explicit.keys());
    for (const s of this.#state.ecsServices.values()) {
      for (const g of s.targetGroups) names.add(g);
      for (const t of s.taskSets) names.add(t.targetGroup);
    }
    return names;
  }

  /** The targets of a group: as set, or one per running (healthy) and pending (initial) ECS task. */
  #targets(name: string): TargetHealthInput[] {
    const explicit = this.#explicit.get(name);
    if (explicit) return explicit;
    const targets: TargetHealthInput[] = [];
    let subnet = 0;
    for (const s of this.#state.ecsServices.values()) {
      for (const t of s.taskSets) {
        subnet++;
        if (t.targetGroup !== name) continue;
        const draining = t.status === 'DRAINING';
        for (let i = 0; i < t.runningCount + t.pendingCount; i++) {
          const running = i < t.runningCount;
          targets.push({
            id: `10.0.${subnet}.${i + 10}`,
            port: 80,
            state: draining ? 'draining' : running ? 'healthy' : 'initial',
            ...(draining
              ? { reason: 'Target.DeregistrationInProgress' }
              : running
                ? {}
                : { reason: 'Elb.RegistrationInProgress' }),
          });
        }
      }
    }
    return targets;
  }

  #nameFromArn(arn: string): string {
    const name = arn.split('/')[1];
    // The name decides; any ID suffix is accepted, so an ARN a test made up for setTargetHealth works too.
    if (!arn.startsWith('arn:') || !name || !this.#names().has(name)) {
      throw new ApiError('TargetGroupNotFound', `Target groups '${arn}' not found`);
    }
    return name;
  }

  #group(name: string): Record<string, unknown> {
    return {
      TargetGroupArn: this.arnOf(name),
      TargetGroupName: name,
      Protocol: 'HTTP',
      Port: 80,
      VpcId: 'vpc-0local',
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckPath: '/',
      TargetType: 'ip',
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4',
      LoadBalancerArns: [],
    };
  }

  describeTargetGroups(input: Input): Record<string, unknown> {
    const names = strings(input, 'Names');
    const arns = strings(input, 'TargetGroupArns');
    if (names.length > 0 && arns.length > 0)
      throw new ApiError('ValidationError', 'Names and TargetGroupArns cannot be used together');
    const known = this.#names();
    let wanted: string[];
    if (names.length > 0) {
      const missing = names.filter((n) => !known.has(n));
      if (missing.length > 0)
        throw new ApiError(
          'TargetGroupNotFound',
          `One or more target groups not found: ${missing.join(', ')}`,
        );
      wanted = names;
    } else if (arns.length > 0) wanted = arns.map((a) => this.#nameFromArn(a));
    else wanted = [...known].sort();
    return { TargetGroups: wanted.map((n) => this.#group(n)) };
  }

  describeTargetHealth(input: Input): Record<string, unknown> {
    const arn = str(input, 'TargetGroupArn');
    if (!arn)
      throw new ApiError(
        'ValidationError',
        "1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null",
      );
    const name = this.#nameFromArn(arn);
    const targets = this.#targets(name);
    const asked = list(input, 'Targets') as Input[];
    const chosen =
      asked.length === 0
        ? targets
        : asked.map((a) => {
            const id = str(a, 'Id') ?? '';
            const port = a.Port === undefined ? undefined : Number(a.Port);
            return (
              targets.find((t) => t.id === id && (port === undefined || (t.port ?? 80) === port)) ?? {
                id,
                port: port ?? 80,
                state: 'unused' as const,
                reason: 'Target.NotRegistered',
                description: 'Target is not registered to the target group',
              }
            );
          });
    return {
      TargetHealthDescriptions: chosen.map((t) => ({
        Target: { Id: t.id, Port: t.port ?? 80 },
        HealthCheckPort: String(t.port ?? 80),
        TargetHealth: { State: t.state, Reason: t.reason, Description: t.description },
      })),
    };
  }
}

/** An awsQuery error with the query code (`ThrottlingException` → `Throttling`). */
const render = (error: WireError, ctx: Pick<RequestContext, 'requestId'>) =>
  queryError({ ...error, type: queryCode(error.type) }, ctx);

/** The ELBv2 service handler (awsQuery, signed for `elasticloadbalancing`). */
export function elbv2Service(slice: Elbv2Slice): ServiceHandler {
  return {
    name: 'elasticloadbalancing',
    signingName: 'elasticloadbalancing',
    matches: (req) => req.signingService === 'elasticloadbalancing' && isQueryRequest(req.headers),
    operation: (req) => queryAction(req.body),
    async handle(req, ctx) {
      try {
        const input = parseQuery(req.body.toString('utf8')) as Input;
        if (ctx.operation === 'DescribeTargetHealth')
          return queryResponse(ctx.operation, XMLNS, slice.describeTargetHealth(input), ctx);
        if (ctx.operation === 'DescribeTargetGroups')
          return queryResponse(ctx.operation, XMLNS, slice.describeTargetGroups(input), ctx);
        throw new ApiError('InvalidAction', `The action ${ctx.operation} is not valid for this web service.`);
      } catch (error) {
        if (error instanceof ApiError)
          return render({ type: error.type, message: error.message, status: error.status }, ctx);
        throw error;
      }
    },
    renderError: render,
  };
}
