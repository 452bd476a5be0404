import { parse } from '../args.js';
import type { Command } from '../command.js';

/** `greenlight demo`: placeholder until the demo lands. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Simulate a Lambda canary and an ECS blue/green deployment, good and bad releases',
  help: 'Usage: greenlight demo\n',
  async run(args, io) {
    parse('demo', args, {}, false);
    io.stderr.write('greenlight demo: not built yet\n');
    return 1;
  },
};
