import { BEHAVIOURS, type Behaviour, EXPECTED_STATUS } from '../src/behaviours.js';
import { type Bundles, bundleHooks } from '../src/bundle.js';
import { EventSource } from '../src/event-source.js';
import { violations } from '../src/invariants.js';
import { type AnyFault, Lane } from '../src/lane.js';

// Every fault × schedule × check behaviour, each a deployment whose hook (the esbuild bundle, as deployed)
// runs in a warm Lambda-like container. One lane (a warm function with its own local CodeDeploy) per
// behaviour; lanes run side by side, each lane's deployments one after another.
const FAULTS: Readonly<Record<string, AnyFault>> = {
  throttle: { kind: 'throttle' },
  '503': { kind: 'error5xx', status: 503 },
  'connection reset': { kind: 'reset' },
  'delay past the attempt timeout': { kind: 'delay', delayMs: 400 },
  'stall after headers': { kind: 'stall' },
  'body drip': { kind: 'drip' },
};
const SCHEDULES = {
  'the first attempt': { times: 1 },
  'the first 3 attempts': { times: 3 },
  'half the attempts': { rate: 0.5 },
} as const;
type Schedule = keyof typeof SCHEDULES;

const FUNCTION_TIMEOUT_MS = 3_000;
const TIME_SCALE = 10 / 3_600; // CodeDeploy's hour: 10 s; Lambda's retry delays: 167 ms and 333 ms

const scenarios = Object.keys(SCHEDULES).flatMap((schedule) =>
  Object.keys(FAULTS).flatMap((fault) =>
    BEHAVIOURS.map((behaviour) => [fault, schedule as Schedule, behaviour] as const),
  ),
);

describe(`the fault matrix in the Lambda runtime: ${scenarios.length} deployments`, () => {
  let bundles: Bundles;
  let events: EventSource;
  const lanes = new Map<Behaviour, Lane>();

  beforeAll(async () => {
    bundles = await bundleHooks({ codedeploy: 'codedeploy-hook.ts' });
    events = await EventSource.start();
    for (const behaviour of BEHAVIOURS) {
      lanes.set(
        behaviour,
        await Lane.start({
          name: behaviour,
          module: bundles.files.codedeploy!,
          timeoutMs: FUNCTION_TIMEOUT_MS,
          timeScale: TIME_SCALE,
          env: {
            CHECK_BEHAVIOUR: behaviour,
            EVENT_SOURCE: events.address,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            CHECKS_TIMEOUT_MS: '300',
            ATTEMPT_TIMEOUT_MS: '250',
          },
        }),
      );
    }
  }, 30_000);

  afterAll(async () => {
    await Promise.all([...lanes.values()].map((lane) => lane.close()));
    await events?.close();
    await bundles?.dispose();
  });

  it.concurrent.each(scenarios)(
    '%s on %s, a check that does %s: the hook reports its verdict once, and leaves nothing behind',
    async (fault, schedule, behaviour) => {
      const lane = lanes.get(behaviour)!;
      const run = await lane.exclusive(async () => {
        lane.inject({ ...FAULTS[fault]!, ...SCHEDULES[schedule] } as AnyFault);
        try {
          return await lane.deploy();
        } finally {
          lane.clear();
        }
      });
      expect(
        violations(run, EXPECTED_STATUS[behaviour], { firstInvocation: schedule !== 'half the attempts' }),
      ).toEqual([]);
    },
    60_000,
  );
});
