// The local CodeDeploy's throughput figures alone, without the rest of `pnpm bench`:
//
//   pnpm --filter @greenlight/bench exec tsx --conditions=@greenlight/source src/local-throughput.ts \
//     [requests=10000] [warmup=500] [runs=3] [concurrency=16] [--raw]
//
// Prints the figures and the targets as JSON. `--raw` loads the servers with rawload.ts (the SDK's requests
// written straight to sockets) instead of the SDK, so the server is the bottleneck; with
// BENCH_SERVER_PROFILE=cpu:<dir> (or heap:<dir>), each server writes a CPU (or allocation) profile of
// the measured requests there.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleTool, SRC } from './bundle.js';
import { localTargets, throughput } from './local-bench.js';

const raw = process.argv.includes('--raw');
const [requests = 10_000, warmup = 500, runs = 3, concurrency = 16] = process.argv
  .slice(2)
  .filter((a) => a !== '--raw')
  .map(Number);
const OUT = join(SRC, '..', '.bench-out');
mkdirSync(OUT, { recursive: true });
const loadgen = await bundleTool(raw ? 'rawload' : 'loadgen', OUT);
const result = await throughput(loadgen, OUT, { requests, warmup, runs, concurrency });
console.log(JSON.stringify({ ...result, targets: localTargets(result) }, null, 2));
