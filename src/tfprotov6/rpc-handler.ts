/**
 * The transport-neutral shape in which this layer hands its RPCs to the
 * gRPC server in src/plugin: bytes in, bytes out, cancellation by signal.
 */

export interface CallContext {
  /** Aborted when the client cancels the call or goes away. */
  readonly signal: AbortSignal;
}

export type UnaryRpcHandler = (request: Uint8Array, call: CallContext) => Promise<Uint8Array>;

export interface RpcService {
  /** Fully-qualified service name, e.g. `tfplugin6.Provider`. */
  readonly name: string;
  /** Handlers by method name, e.g. `GetProviderSchema`. */
  readonly unary: ReadonlyMap<string, UnaryRpcHandler>;
}
