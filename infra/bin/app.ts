#!/usr/bin/env node
// The greenlight demo app: `npx cdk synth` / `npx cdk deploy` from infra/. Paths are resolved here, from
// this file's location, so the stacks in lib/ take them as props and tests can pass their own.
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addGreenlightStacks } from '../lib/greenlight-app.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const app = new App();
// Every synth runs cdk-nag's AwsSolutions pack; an unacknowledged finding fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const targetVersion = app.node.tryGetContext('targetVersion') as string | undefined;
const nativeRevision = app.node.tryGetContext('nativeRevision') as string | undefined;
addGreenlightStacks(app, { repoRoot, targetVersion, nativeRevision });
app.synth();
