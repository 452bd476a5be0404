import * as middyPackage from '@greenlight/middy';

describe("@greenlight/middy's public surface", () => {
  it('exports exactly the allowed runtime values', () => {
    expect(Object.keys(middyPackage).sort()).toEqual([
      'GreenlightError',
      'HookReportError',
      'InvalidHookEventError',
      'InvalidOptionsError',
      'defaultReserve',
      'greenlight',
      'isGreenlightError',
      'validateGreenlightMiddyOptions',
    ]);
  });
});
