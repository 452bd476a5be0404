import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalCodeDeploy } from '@greenlight/local';

/** Options of {@link startLoadBalancer}. */
export interface LoadBalancerOptions {
  readonly local: LocalCodeDeploy;
  readonly cluster: string;
  readonly service: string;
  /** Whether the tasks of a task definition are a bad release (they answer 500). */
  readonly isBad: (taskDefinition: string) => boolean;
}

/** A simulated Application Load Balancer: a production and a test listener, routed like ELBv2 would. */
export interface LoadBalancer {
  /** The production listener (port 80 on AWS). */
  readonly productionUrl: string;
  /** The test listener (port 8080 on AWS), which CodeDeploy points at the replacement at AllowTestTraffic. */
  readonly testUrl: string;
  /** A dependency's health endpoint, for BeforeInstall hooks. */
  readonly dependencyUrl: string;
  close(): Promise<void>;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Starts two listeners in front of the simulated ECS service. Each request goes to a task set as ELBv2 would
 * send it: the test listener to the target group CodeDeploy routed it to (the replacement after
 * AllowTestTraffic), the production listener to a task set drawn by the task sets' traffic weights. Tasks
 * answer `{"status":"ok"}`, or a 500 when their task definition is a bad release.
 *
 * @example
 * const lb = await startLoadBalancer({ local, cluster: 'shop', service: 'orders', isBad: (td) => td === 'orders:3' });
 * await fetch(`${lb.testUrl}/health`); // 500 once the test listener routes to the replacement
 */
export async function startLoadBalancer(options: LoadBalancerOptions): Promise<LoadBalancer> {
  const { local, cluster, service } = options;
  const serviceState = () => local.state.ecsServices.get(`${cluster}:${service}`);
  const reply = (res: ServerResponse, targetGroup: string | undefined) => {
    const taskSet = serviceState()?.taskSets.find((t) => t.targetGroup === targetGroup);
    if (!taskSet)
      return answer(res, 503, { message: `no healthy targets in ${targetGroup ?? 'the target group'}` });
    const version = taskSet.taskDefinition;
    if (options.isBad(version)) {
      return answer(res, 500, {
        status: 'error',
        version,
        message: 'orders-web: relation "orders_v3" does not exist',
      });
    }
    return answer(res, 200, { status: 'ok', version, taskSet: taskSet.identifer });
  };
  const test = await listen((_req, res) => {
    const s = serviceState();
    reply(res, s?.testTargetGroup ?? s?.productionTargetGroup);
  });
  const production = await listen((_req, res) => {
    const sets = serviceState()?.taskSets.filter((t) => t.trafficWeight > 0) ?? [];
    const draw = Math.random() * sets.reduce((sum, t) => sum + t.trafficWeight, 0);
    let cumulative = 0;
    const chosen =
      sets.find((t) => {
        cumulative += t.trafficWeight;
        return draw < cumulative;
      }) ?? sets[0];
    reply(res, chosen?.targetGroup);
  });
  const dependency = await listen((_req, res) => answer(res, 200, { status: 'ok', service: 'payments' }));
  const servers = [test.server, production.server, dependency.server];
  return {
    productionUrl: production.url,
    testUrl: test.url,
    dependencyUrl: `${dependency.url}/health`,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise((resolve) => {
              s.closeAllConnections();
              s.close(resolve);
            }),
        ),
      );
    },
  };
}
