export { describeRun, type HookAnswer } from './report.js';
export {
  type SimulateDeploymentOptions,
  type SimulatedRun,
  simulateDeployment,
  type TestHook,
} from './simulate.js';
