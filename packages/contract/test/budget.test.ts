import {
  defaultReserve,
  ecsReserve,
  LAMBDA_TIMEOUT_MAX_SECONDS,
  LAMBDA_TIMEOUT_MIN_SECONDS,
  MAX_LAMBDA_MS,
  reportMargin,
} from '@greenlight/contract';

describe('the budget arithmetic', () => {
  it.each([
    [0, 1_000],
    [4_000, 1_000],
    [5_000, 1_000],
    [60_000, 12_000],
    [150_000, 30_000],
    [900_000, 30_000],
  ])('keeps back min(30 s, max(1 s, 20%%)) of %i ms for a CodeDeploy report: %i ms', (remaining, reserve) => {
    expect(defaultReserve(remaining)).toBe(reserve);
  });

  it.each([
    [0, 250],
    [5_000, 250],
    [60_000, 3_000],
    [100_000, 5_000],
    [900_000, 5_000],
  ])(
    'keeps back min(5 s, max(250 ms, 5%%)) of %i ms for an ECS native answer: %i ms',
    (remaining, reserve) => {
      expect(ecsReserve(remaining)).toBe(reserve);
    },
  );

  it.each([
    [0, 0],
    [2_000, 200],
    [10_000, 1_000],
    [900_000, 1_000],
  ])('leaves a margin of min(1 s, 10%%) of %i ms before the deadline: %i ms', (remaining, margin) => {
    expect(reportMargin(remaining)).toBe(margin);
  });

  it('bounds a Lambda timeout to 1..900 s, 15 minutes being the longest an invocation has', () => {
    expect([LAMBDA_TIMEOUT_MIN_SECONDS, LAMBDA_TIMEOUT_MAX_SECONDS]).toEqual([1, 900]);
    expect(MAX_LAMBDA_MS).toBe(15 * 60_000);
    expect(MAX_LAMBDA_MS).toBe(LAMBDA_TIMEOUT_MAX_SECONDS * 1_000);
  });
});
