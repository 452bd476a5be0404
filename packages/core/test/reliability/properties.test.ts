import { type LocalCodeDeploy, startLocalCodeDeploy } from '@greenlight/local';
import * as fc from 'fast-check';
import { ATTEMPT_FAULTS, BEHAVIOURS, deadPort, runScenario, violations } from './harness.js';

// Random fault schedules × check behaviours × remaining times. `pnpm test:soak` raises the run count.
const RUNS = Number(process.env.GREENLIGHT_PROPERTY_RUNS ?? 1000);
const SEED = Number(process.env.GREENLIGHT_PROPERTY_SEED ?? 20261125);

describe(`property: whatever the faults, exactly one status is recorded (${RUNS} runs, seed ${SEED})`, () => {
  const LANES = 4;
  const locals: LocalCodeDeploy[] = [];
  let port: number;
  beforeAll(async () => {
    for (let i = 0; i < LANES; i++) locals.push(await startLocalCodeDeploy({ timeScale: 0 }));
    port = await deadPort();
  });
  afterAll(async () => {
    // Let any answer a handler abandoned finish before the servers close.
    await new Promise((r) => setTimeout(r, 300));
    await Promise.all(locals.map((l) => l.close()));
  });

  it('holds for random fault schedules, check behaviours and remaining times', async () => {
    const seen = new Set<string>();
    // Four lanes, each its own local CodeDeploy (faults are per server) and its own derived seed, run side by side.
    await Promise.all(
      locals.map((local, lane) =>
        fc.assert(
          fc.asyncProperty(
            fc.array(fc.constantFrom(...ATTEMPT_FAULTS), { maxLength: 12 }),
            fc.constantFrom(...BEHAVIOURS),
            fc.integer({ min: 1_000, max: 3_000 }),
            async (schedule, behaviour, remainingMs) => {
              const outcome = await runScenario(local, behaviour, schedule, remainingMs, port);
              seen.add(outcome.error ? 'threw' : String(outcome.result?.reported));
              const broken = violations(outcome, behaviour);
              if (broken.length > 0) {
                throw new Error(
                  `${JSON.stringify({ lane, schedule, behaviour, remainingMs })}: ${broken.join('; ')}`,
                );
              }
            },
          ),
          { numRuns: Math.ceil(RUNS / LANES), seed: SEED + lane, endOnFailure: true },
        ),
      ),
    );
    // The runs reached every ending: reported, already completed (a slow answer landed first), and gave up in time.
    if (RUNS >= 1000) expect([...seen].sort()).toEqual(['already-completed', 'threw', 'true']);
  }, 600_000);
});
