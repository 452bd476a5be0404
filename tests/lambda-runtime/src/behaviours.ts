import { connect } from 'node:net';
import type { Check } from '@greenlight/core';

/**
 * How the check of a fault-matrix hook behaves. One source: the hook (bundled) and the tests import it.
 * - `pass`, `fail`, `throw`: settle at once;
 * - `hang`: never settles (the hook's deadline must end it);
 * - `timer`: waits on a timer of its own, then passes;
 * - `event`: waits for an event from a socket (a line from `EVENT_SOURCE`), then passes.
 */
export const BEHAVIOURS = ['pass', 'fail', 'throw', 'hang', 'timer', 'event'] as const;

/** One of {@link BEHAVIOURS}. */
export type Behaviour = (typeof BEHAVIOURS)[number];

/** The status the hook must report for each behaviour. */
export const EXPECTED_STATUS: Readonly<Record<Behaviour, 'Succeeded' | 'Failed'>> = {
  pass: 'Succeeded',
  fail: 'Failed',
  throw: 'Failed',
  hang: 'Failed',
  timer: 'Succeeded',
  event: 'Succeeded',
};

/** How long the `timer` check waits. */
export const TIMER_WAIT_MS = 40;

/** Waits for the first line `source` (`host:port`) sends, aborting on `signal`; the socket is closed after. */
function firstLine(source: string, signal: AbortSignal): Promise<string> {
  const [host, port] = source.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host);
    const done = (settle: () => void) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      settle();
    };
    const onAbort = () => done(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('data', (chunk) => done(() => resolve(chunk.toString('utf8').trim())));
    socket.once('error', (error) => done(() => reject(error)));
  });
}

/** The check for `behaviour`. */
export function behaviourCheck(behaviour: Behaviour, eventSource = ''): Check {
  switch (behaviour) {
    case 'pass':
      return () => true;
    case 'fail':
      return () => ({ passed: false, reason: 'the probe said no' });
    case 'throw':
      return () => {
        throw new Error('the probe exploded');
      };
    case 'hang':
      return () => new Promise<never>(() => {});
    case 'timer':
      return () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), TIMER_WAIT_MS));
    case 'event':
      return async ({ signal }) => (await firstLine(eventSource, signal)) === 'ready';
  }
}
