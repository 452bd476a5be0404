import middy from '@middy/core';

it('transforms ESM-only middy for jest', () => {
  expect(typeof middy).toBe('function');
});
