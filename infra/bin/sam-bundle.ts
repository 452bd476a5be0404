#!/usr/bin/env node
// Bundles the SAM template's hooks: `pnpm --filter @greenlight/infra sam:bundle`, then `sam deploy`.
import { fileURLToPath } from 'node:url';
import { bundleSamHooks } from '../lib/sam-hooks.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
for (const dir of bundleSamHooks(repoRoot)) process.stdout.write(`bundled ${dir}\n`);
