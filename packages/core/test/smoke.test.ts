import { x } from '@greenlight/core';

it('resolves workspace sources and transforms middy', () => {
  expect(x).toBe(1);
});
