import { alarms } from '@greenlight/checks/alarms';
import { createHook } from '@greenlight/core';

export const handler = createHook({
  // Every alarm whose name starts with `orders-` must be out of ALARM (and have data).
  alarms: alarms({ prefix: 'orders-', insufficientData: 'fail' }),
});
