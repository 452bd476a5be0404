import { Scheduler } from './clock.js';
import { codeDeployService } from './codedeploy/service.js';
import { type DeployEcsOptions, type DeployLambdaOptions, deployEcs, deployLambda } from './deploy-api.js';
import { Engine } from './engine/engine.js';
import type { DeploymentHandle } from './engine/handle.js';
import type { ReadonlyEngineState } from './engine/state.js';
import type { HookReport } from './engine/types.js';
import { LocalCodeDeployError } from './errors.js';
import { FaultInjector } from './http/faults.js';
import { LocalServer, type RequestRecord } from './http/server.js';
import type { ServiceHandler } from './http/types.js';
import { type LocalCodeDeployOptions, resolveOptions } from './options.js';
import type { HookRunner } from './runners/types.js';
import { type AwsServices, createAwsServices } from './services/index.js';

/** The env a hook needs to reach the local CodeDeploy. */
export interface LocalEnv {
  readonly AWS_ENDPOINT_URL_CODEDEPLOY: string;
  /** Every other SDK client (Lambda, CloudWatch, ELBv2, ECS) reaches the service slices here. */
  readonly AWS_ENDPOINT_URL: string;
  readonly AWS_REGION: string;
  readonly AWS_DEFAULT_REGION: string;
  readonly AWS_ACCESS_KEY_ID: string;
  readonly AWS_SECRET_ACCESS_KEY: string;
}

/** A running local CodeDeploy. */
export interface LocalCodeDeploy {
  /** `http://127.0.0.1:PORT` */
  readonly endpoint: string;
  readonly region: string;
  /** Set these in a hook's environment and its SDK client talks to this local CodeDeploy. */
  readonly env: LocalEnv;
  /** Fault injection per operation name (any mounted service), or `'*'`. */
  readonly faults: Pick<FaultInjector, 'inject' | 'clear'>;
  /** Every PutLifecycleEventHookExecutionStatus call received, in order. */
  readonly reports: readonly HookReport[];
  /** Every request answered, in order. */
  readonly requests: readonly RequestRecord[];
  /** The simulated Lambda functions, ECS services, alarms and hook functions (read-only). */
  readonly state: ReadonlyEngineState;
  /** Starts a Lambda deployment (creating the application and group as needed). */
  deployLambda(options: DeployLambdaOptions): Promise<DeploymentHandle>;
  /** Starts an ECS blue/green deployment (creating the application, group and service as needed). */
  deployEcs(options: DeployEcsOptions): Promise<DeploymentHandle>;
  /** The handle of any deployment, including ones made with CreateDeployment or rollbacks. */
  deployment(deploymentId: string): DeploymentHandle | undefined;
  /** Every deployment's handle so far, in the order they were created (rollbacks included). */
  deployments(): DeploymentHandle[];
  /** Registers a hook function by name, as AppSpec `Hooks` refer to it. */
  registerFunction(name: string, runner: HookRunner): void;
  /** Sets a CloudWatch alarm's state; `ALARM` during traffic shifting stops deployments that watch it. */
  setAlarmState(name: string, state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'): void;
  /**
   * The slices of Lambda, CloudWatch, ELBv2 and ECS that the checks call, mounted on the same endpoint:
   * register function versions, set alarm states, target health and metrics through it. `undefined` when
   * started with `services: false`.
   */
  readonly services: AwsServices | undefined;
  /** Mounts another AWS service slice on the same server. */
  mount(handler: ServiceHandler): void;
  /** Stops every deployment, kills hook processes, closes the server; leaves no timers or sockets. */
  close(): Promise<void>;
}

/**
 * Starts a local CodeDeploy on 127.0.0.1.
 *
 * @example
 * ```ts
 * const local = await startLocalCodeDeploy({ timeScale: 0 });
 * const client = new CodeDeployClient({ endpoint: local.endpoint, region: local.region,
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 * const d = await local.deployLambda({
 *   functionName: 'checkout', currentVersion: '1', targetVersion: '2',
 *   hooks: { BeforeAllowTraffic: async (event) => {
 *     await client.send(new PutLifecycleEventHookExecutionStatusCommand({
 *       deploymentId: event.DeploymentId,
 *       lifecycleEventHookExecutionId: event.LifecycleEventHookExecutionId, status: 'Succeeded' }));
 *   } },
 * });
 * expect((await d.done).status).toBe('Succeeded');
 * await local.close();
 * ```
 */
export async function startLocalCodeDeploy(options: LocalCodeDeployOptions = {}): Promise<LocalCodeDeploy> {
  const o = resolveOptions(options);
  const scheduler = new Scheduler(o.clock, o.timeScale);
  const credentials = o.credentials ?? { accessKeyId: 'test', secretAccessKey: 'test' };
  let env: LocalEnv | undefined;
  const engine = new Engine(scheduler, {
    region: o.region,
    accountId: o.accountId,
    hookRetries: o.hookRetries,
    hookDuplicateRate: o.hookDuplicateRate,
    seed: o.seed,
    hookTimeoutMs: o.hookTimeoutMs,
    functionTimeoutMs: o.functionTimeoutMs,
    credentials,
    env: () => ({ ...env }),
    logLimit: o.logLimit,
  });
  const faults = new FaultInjector(o.seed);
  const server = new LocalServer({
    host: o.host,
    port: o.port,
    bodyLimit: o.bodyLimit,
    bodyTimeoutMs: o.bodyTimeoutMs,
    maxConnections: o.maxConnections,
    maxInFlightBytes: o.maxInFlightBytes,
    logLimit: o.logLimit,
    credentials: o.credentials,
    regions: o.signingRegions,
    faults,
    scheduler,
    clock: o.clock,
  });
  server.mount({ ...codeDeployService(engine), signingName: 'codedeploy' });
  let services: AwsServices | undefined;
  if (o.services !== false) {
    const { lambdaFunctions, ecsServices, alarms } = engine.state;
    services = createAwsServices(
      { lambdaFunctions, ecsServices, alarms },
      {
        functionTimeoutMs: o.functionTimeoutMs,
        timeScale: o.timeScale,
        clock: o.clock,
        ...o.services,
        region: o.region,
        accountId: o.accountId,
      },
    );
    for (const handler of services.handlers) server.mount(handler);
  }
  const endpoint = await server.listen();
  env = {
    AWS_ENDPOINT_URL_CODEDEPLOY: endpoint,
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: o.region,
    AWS_DEFAULT_REGION: o.region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  };
  let closed: Promise<void> | undefined;
  const open = () => {
    if (closed) throw new LocalCodeDeployError('CLOSED', 'The local CodeDeploy is closed');
  };
  return {
    endpoint,
    region: o.region,
    env,
    faults,
    reports: engine.reports,
    requests: server.requests,
    state: engine.state,
    services,
    deployLambda: async (spec) => {
      open();
      return deployLambda(engine, spec);
    },
    deployEcs: async (spec) => {
      open();
      return deployEcs(engine, spec);
    },
    deployment: (id) => engine.state.deployments.get(id)?.handle,
    deployments: () => [...engine.state.deployments.values()].map((d) => d.handle),
    registerFunction: (name, runner) => {
      engine.state.hookFunctions.set(name, runner);
    },
    setAlarmState: (name, state) => {
      engine.state.alarms.set(name, state);
    },
    mount: (handler) => server.mount(handler),
    close: () => {
      closed ??= (async () => {
        await services?.close();
        await engine.close();
        await server.close();
      })();
      return closed;
    },
  };
}
