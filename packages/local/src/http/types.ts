/**
 * The HTTP layer's contracts: a parsed request, a response, and the {@link ServiceHandler} that AWS
 * service slices (CodeDeploy here; Lambda, CloudWatch, ELBv2, ECS later) implement and mount.
 */

/** The SigV4 `Authorization` header, parsed. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  readonly date: string;
  readonly region: string;
  /** The signing service, e.g. `codedeploy`, `lambda`, `monitoring`, `elasticloadbalancing`, `ecs`. */
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** An HTTP request, read in full, as the router hands it to a service. */
export interface ParsedRequest {
  readonly method: string;
  /** The raw request target, path and query. */
  readonly url: string;
  /** The path without the query string. */
  readonly path: string;
  /** Decoded query parameters (last value wins). */
  readonly query: Readonly<Record<string, string>>;
  /** Header names in lower case; repeated headers joined with `,`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** `x-amz-target`, when present (awsJson protocols). */
  readonly target: string | undefined;
  /** The parsed SigV4 Authorization header; `undefined` when absent or malformed. */
  readonly authorization: SigV4Authorization | undefined;
  /** The signing service from the credential scope (`codedeploy`, `lambda`, …). */
  readonly signingService: string | undefined;
  /** How many `Authorization` headers the request carried; more than one is refused in every mode. */
  readonly authorizationHeaders: number;
}

/** What a service answers. */
export interface ServiceResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** An AWS error to render in a service's protocol. */
export interface WireError {
  readonly type: string;
  readonly message: string;
  readonly status: number;
}

/** What the server gives a service along with the request. */
export interface RequestContext {
  /** The `x-amzn-requestid` the response will carry. */
  readonly requestId: string;
  /** The operation name, as the service's `operation()` named it. */
  readonly operation: string;
}

/**
 * An AWS service slice mounted on the local server.
 *
 * @example
 * ```ts
 * const echo: ServiceHandler = {
 *   name: 'echo',
 *   matches: (req) => req.path === '/echo',
 *   operation: () => 'Echo',
 *   handle: async (req) => ({ status: 200, body: req.body }),
 * };
 * local.mount(echo);
 * ```
 */
export interface ServiceHandler {
  /** A short name for logs and `local.requests`, e.g. `codedeploy`. */
  readonly name: string;
  /**
   * The SigV4 signing name of the service (`codedeploy`, `lambda`, `monitoring`, …): in strict mode a request
   * signed for another service is refused, as AWS refuses it. @default undefined (any)
   */
  readonly signingName?: string;
  /**
   * Whether this service owns the request, by `x-amz-target`, path, content type or signing service. It runs
   * before the request is authenticated, so it must not read the body.
   */
  matches(req: ParsedRequest): boolean;
  /** The operation name used for fault injection and the request log (runs after authentication). */
  operation(req: ParsedRequest): string;
  handle(req: ParsedRequest, ctx: RequestContext): Promise<ServiceResponse>;
  /**
   * Renders an error (faults, auth failures, refused bodies) in this service's protocol; `req` is the request
   * being answered. @default awsJson1_1
   */
  renderError?(error: WireError, ctx: RequestContext, req: ParsedRequest): ServiceResponse;
}
