/** Asserts that an SDK call fails with the AWS error `name` (what the SDK surfaces as `err.name`) and HTTP 400. */
export async function expectAwsError(call: Promise<unknown>, name: string, status = 400): Promise<Error> {
  const err = await call.then(
    () => {
      throw new Error(`expected ${name}, but the call succeeded`);
    },
    (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
  );
  expect(err.name).toBe(name);
  expect((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(status);
  return err;
}
