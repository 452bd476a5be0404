import type { ApplicationRecord } from '../../engine/region-state.js';
import { seconds } from '../values.js';

/** An `ApplicationInfo`. */
export function applicationInfo(app: ApplicationRecord): Record<string, unknown> {
  return {
    applicationId: app.applicationId,
    applicationName: app.applicationName,
    createTime: seconds(app.createTime),
    linkedToGitHub: false,
    computePlatform: app.computePlatform,
  };
}
