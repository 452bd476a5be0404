// docs/snippets/migrating-after.ts
import { createHook } from '@greenlight/core';

export const handler = createHook({
  health: async ({ signal }) => (await fetch(`${process.env.SERVICE_URL}/health`, { signal })).ok,
});
