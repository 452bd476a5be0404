import { HookReportError } from '@greenlight/core';
import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import {
  ATTEMPT_FAULTS,
  type AttemptFault,
  BEHAVIOURS,
  type Behaviour,
  deadPort,
  runScenario,
  violations,
} from './harness.js';

const WHEN = { 'the first attempt': 1, 'the first three attempts': 3, 'every attempt': 100 } as const;
const REMAINING_MS = 1_500;

const scenarios: [AttemptFault, keyof typeof WHEN, Behaviour][] = ATTEMPT_FAULTS.flatMap((fault) =>
  (Object.keys(WHEN) as (keyof typeof WHEN)[]).flatMap((when) =>
    BEHAVIOURS.map((b) => [fault, when, b] as [AttemptFault, keyof typeof WHEN, Behaviour]),
  ),
);

describe(`the fault matrix: ${scenarios.length} scenarios, real SDK over real HTTP into the local CodeDeploy`, () => {
  let local: LocalCodeDeploy;
  let port: number;
  beforeAll(async () => {
    local = await startLocalCodeDeploy({ timeScale: 0 });
    port = await deadPort();
  });
  afterAll(async () => {
    // Let any answer a handler abandoned finish before the server closes.
    await new Promise((r) => setTimeout(r, 300));
    await local.close();
  });

  it.each(scenarios)(
    '%s on %s, check that does %s: one status, in time, or a HookReportError and a redelivery that reports',
    async (fault, when, behaviour) => {
      const schedule = Array.from({ length: Math.min(WHEN[when], 12) }, () => fault);
      const outcome = await runScenario(local, behaviour, schedule, REMAINING_MS, port);
      expect(violations(outcome, behaviour)).toEqual([]);
      if (when === 'every attempt') {
        // Nothing got through in time: the handler must throw so Lambda retries, and the redelivery reports.
        expect(outcome.error).toBeInstanceOf(HookReportError);
        if (fault !== 'slow') expect(outcome.accepted).toHaveLength(0);
      } else {
        expect(outcome.error).toBeUndefined();
      }
    },
  );
});
