// Experiment (not in `pnpm bench`): createHook with a logger that writes nothing: the core's own cost
// without its summary line, against `hand` (which logs nothing either).
import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import { createHook } from '@greenlight/core';
import { markVerdict } from './mark.js';

const client = new CodeDeployClient({});
const silent = { debug() {}, info() {}, warn() {}, error() {} };
export const handler = createHook(
  () => {
    markVerdict();
    return true;
  },
  { client, logger: silent },
);
