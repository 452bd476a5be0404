import { targetHealth } from '@greenlight/checks/target-health';
import { createHook } from '@greenlight/core';

// In an ECS blue/green hook: the replacement task set's target group, from the deployment itself.
export const handler = createHook({ targets: targetHealth({ minHealthy: 2 }) });
