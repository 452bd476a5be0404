import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import {
  type Fault,
  type HookReport,
  type LocalCodeDeploy,
  type ModuleInvocation,
  startLocalCodeDeploy,
  type TimelineEntry,
} from '@greenlight/local';
import { FaultProxy, type ResponseFault } from './fault-proxy.js';

/** How a lane runs its hook: the module (a bundle), its export, its timeout and its environment. */
export interface LaneOptions {
  readonly name: string;
  readonly module: string;
  readonly export?: string;
  /** The function timeout, real ms. */
  readonly timeoutMs: number;
  readonly env?: Readonly<Record<string, string>>;
  /** The local CodeDeploy's time scale (its one-hour hook timeout, Lambda's retry delays). */
  readonly timeScale: number;
  /** Lambda's async retries of a failed invocation. @default 2 */
  readonly hookRetries?: 0 | 1 | 2;
}

/** A fault of either source: the local CodeDeploy's own kinds, or the proxy's response faults. */
export type AnyFault = Fault | ResponseFault;

/** What one deployment through a lane showed. */
export interface LaneRun {
  readonly deploymentId: string;
  readonly status: string;
  readonly hookEvent: TimelineEntry;
  /** PutLifecycleEventHookExecutionStatus calls for this deployment that were accepted. */
  readonly accepted: readonly HookReport[];
  /** Every invocation of the hook during this deployment. */
  readonly invocations: readonly ModuleInvocation[];
  /** Connections the hook still held open to the endpoint after its last invocation. */
  readonly openConnections: number;
}

const OPERATION = 'PutLifecycleEventHookExecutionStatus';

const isResponseFault = (fault: AnyFault): fault is ResponseFault =>
  fault.kind === 'stall' || fault.kind === 'drip';

/**
 * One hook function, warm between deployments, with its own local CodeDeploy and fault proxy: deployments
 * through a lane run one at a time (its faults are its own), lanes run side by side.
 */
export class Lane {
  readonly local: LocalCodeDeploy;
  readonly proxy: FaultProxy;
  readonly #client: CodeDeployClient;
  readonly #functionName: string;
  readonly #invocations: ModuleInvocation[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(options: LaneOptions, local: LocalCodeDeploy, proxy: FaultProxy) {
    this.local = local;
    this.proxy = proxy;
    this.#functionName = `CodeDeployHook_${options.name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    this.#client = new CodeDeployClient({
      endpoint: local.endpoint,
      region: local.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  }

  /** Starts the lane's local CodeDeploy and proxy, registers the hook function and creates its group. */
  static async start(options: LaneOptions): Promise<Lane> {
    const local = await startLocalCodeDeploy({
      timeScale: options.timeScale,
      hookRetries: options.hookRetries ?? 2,
      functionTimeoutMs: options.timeoutMs,
    });
    const proxy = await FaultProxy.start(local.endpoint);
    const lane = new Lane(options, local, proxy);
    local.registerFunction(lane.#functionName, {
      module: options.module,
      ...(options.export ? { export: options.export } : {}),
      timeoutMs: options.timeoutMs,
      env: { ...options.env, AWS_ENDPOINT_URL_CODEDEPLOY: proxy.url },
      onInvocation: (invocation) => lane.#invocations.push(invocation),
    });
    await lane.#client.send(
      new CreateApplicationCommand({ applicationName: 'app', computePlatform: 'Lambda' }),
    );
    await lane.#client.send(
      new CreateDeploymentGroupCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        serviceRoleArn: 'arn:aws:iam::123456789012:role/CodeDeployServiceRole',
        deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
      }),
    );
    return lane;
  }

  /** Runs `task` after every task queued before it: one deployment at a time per lane. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Adds a fault to the hook's PutLifecycleEventHookExecutionStatus calls. */
  inject(fault: AnyFault): void {
    if (isResponseFault(fault)) this.proxy.inject(OPERATION, fault);
    else this.local.faults.inject(OPERATION, fault);
  }

  /** Removes every fault (see {@link FaultProxy.clear} for `endHeld`). */
  clear(options?: { readonly endHeld?: boolean }): void {
    this.local.faults.clear();
    this.proxy.clear(options);
  }

  /** Creates a deployment with the AWS SDK (BeforeAllowTraffic runs the hook) and waits until it is over. */
  async deploy(): Promise<LaneRun> {
    const from = this.#invocations.length;
    const appSpec = {
      version: 0.0,
      Resources: [
        {
          target: {
            Type: 'AWS::Lambda::Function',
            Properties: { Name: 'target', Alias: 'live', CurrentVersion: '1', TargetVersion: '2' },
          },
        },
      ],
      Hooks: [{ BeforeAllowTraffic: this.#functionName }],
    };
    const { deploymentId } = await this.#client.send(
      new CreateDeploymentCommand({
        applicationName: 'app',
        deploymentGroupName: 'group',
        revision: { revisionType: 'AppSpecContent', appSpecContent: { content: JSON.stringify(appSpec) } },
      }),
    );
    const handle = this.local.deployment(deploymentId!)!;
    const outcome = await handle.done;
    await handle.settled;
    const hookEvent = handle.timeline.find((e) => e.lifecycleEvent === 'BeforeAllowTraffic')!;
    return {
      deploymentId: deploymentId!,
      status: outcome.status,
      hookEvent,
      accepted: this.local.reports.filter((r) => r.deploymentId === deploymentId && r.outcome === 'accepted'),
      invocations: this.#invocations.slice(from),
      openConnections: this.proxy.openConnections,
    };
  }

  /** Closes the client, the proxy and the local CodeDeploy (which kills the warm container). */
  async close(): Promise<void> {
    this.#client.destroy();
    await this.proxy.close();
    await this.local.close();
  }
}
