/**
 * The source of the child process that runs a {@link ModuleHook}: it imports the module, calls the
 * handler with the event and a Lambda-like context, sends the result over IPC and exits (as Lambda
 * freezes the sandbox). Kept as a string so no file has to be located at run time.
 */
export const CHILD_ENTRY_SOURCE = `
const { pathToFileURL } = await import('node:url');
const { randomUUID } = await import('node:crypto');
const done = (message) => {
  if (process.send) process.send(message, () => process.exit(0));
  else process.exit(message.ok ? 0 : 1);
};
const payload = JSON.parse(process.env.GREENLIGHT_INVOCATION);
delete process.env.GREENLIGHT_INVOCATION;
const deadline = Date.now() + payload.timeoutMs;
const context = {
  functionName: payload.functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: payload.invokedFunctionArn,
  memoryLimitInMB: '128',
  awsRequestId: randomUUID(),
  logGroupName: '/aws/lambda/' + payload.functionName,
  logStreamName: '$LATEST/' + randomUUID(),
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
};
process.on('uncaughtException', (err) => done({ ok: false, error: String(err && err.stack || err) }));
process.on('unhandledRejection', (err) => done({ ok: false, error: String(err && err.stack || err) }));
try {
  const mod = await import(pathToFileURL(payload.module).href);
  const fn = mod[payload.exportName] ?? (mod.default && mod.default[payload.exportName]);
  if (typeof fn !== 'function') throw new Error('Handler ' + payload.exportName + ' is not a function in ' + payload.module);
  const result = await fn(payload.event, context);
  done({ ok: true, result: result === undefined ? null : result });
} catch (err) {
  done({ ok: false, error: String(err && err.stack || err) });
}
`;
