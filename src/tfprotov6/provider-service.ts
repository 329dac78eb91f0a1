/**
 * tfplugin6.Provider served over any transport that moves bytes: every RPC
 * goes through one skeleton (log context → stop signal → convert → call the
 * ProviderServer → convert). Handlers always resolve: anything thrown becomes
 * an error diagnostic in that RPC's own response, and the process lives on.
 * Values stay opaque here and are never logged.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import * as fromProto from './from-proto.js';
import { PROVIDER_METHODS, PROVIDER_SERVICE } from './generated/tfplugin6.js';
import type * as pb from './generated/tfplugin6.js';
import { messageCodec } from './proto-codec.js';
import type { CallContext, RpcService, UnaryRpcHandler } from './rpc-handler.js';
import * as toProto from './to-proto.js';
import type { Diagnostic, ProviderServer, RpcContext } from './types.js';

export interface ProviderServiceOptions {
  /** Fully-qualified provider address for log lines, e.g. `registry.terraform.io/ibm-cloud/ibm`. */
  readonly providerAddress: string;
  /** Resolves the provider; called on first use, so provider code may load after the handshake. */
  readonly server: () => ProviderServer | Promise<ProviderServer>;
  readonly logger: Logger;
}

export interface ProviderService extends RpcService {
  /** Starts creating the ProviderServer now (e.g. right after the handshake) instead of on the first call. */
  warmUp(): Promise<void>;
}

/** Minor protocol version these definitions follow (logged as tf_proto_version). */
export const PROTOCOL_VERSION = '6.9';

type MethodName = keyof pb.ProviderMethods;

interface RpcSpec<M extends MethodName, Req, Res> {
  readonly fromProto: (m: pb.ProviderMethods[M]['request']) => Req;
  readonly call: (server: ProviderServer, req: Req, ctx: RpcContext) => Promise<Res>;
  readonly toProto: (res: Res) => pb.ProviderMethods[M]['response'];
  /** The response that carries a diagnostic when the call itself failed. */
  readonly failed: (d: Diagnostic) => pb.ProviderMethods[M]['response'];
  readonly resourceType?: (req: Req) => string;
  readonly diagnostics?: (res: Res) => readonly Diagnostic[];
}

const diagnosticsOnly = (d: Diagnostic) => ({ diagnostics: toProto.diagnostics([d]) });

export function unexpectedErrorDiagnostic(method: string, err: unknown): Diagnostic {
  return {
    severity: 'error',
    summary: 'Unexpected Provider Error',
    detail:
      `The provider hit an unexpected error while serving ${method}: ${errorMessage(err)}\n\n` +
      'This is always a bug in the provider; please report it to the provider developers.',
  };
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return typeof err === 'string' ? err : 'unknown error';
}

export function createProviderService(options: ProviderServiceOptions): ProviderService {
  const base = options.logger.with({ tf_provider_addr: options.providerAddress, tf_proto_version: PROTOCOL_VERSION });
  let serverPromise: Promise<ProviderServer> | undefined;
  const getServer = (): Promise<ProviderServer> => {
    serverPromise ??= Promise.resolve().then(options.server);
    return serverPromise;
  };
  // StopProvider aborts every in-flight call, then later calls get a fresh controller.
  let stopController = new AbortController();
  const stopInFlight = (): void => {
    stopController.abort(new Error('StopProvider was called'));
    stopController = new AbortController();
  };

  const unary = new Map<string, UnaryRpcHandler>();
  function rpc<M extends MethodName, Req, Res>(method: M, spec: RpcSpec<M, Req, Res>): void {
    const requestCodec = messageCodecFor(method, 'request');
    const responseCodec = messageCodecFor(method, 'response');
    unary.set(method, async (bytes: Uint8Array, call: CallContext): Promise<Uint8Array> => {
      const started = performance.now();
      let logger = base.with({ tf_rpc: method, tf_req_id: randomUUID() });
      let response: pb.ProviderMethods[M]['response'];
      try {
        const req = spec.fromProto((await requestCodec()).decode(bytes));
        if (spec.resourceType) logger = logger.with({ tf_resource_type: spec.resourceType(req) });
        logger.trace('Received request');
        const signal = AbortSignal.any([stopController.signal, call.signal]);
        const server = await getServer();
        logger.trace('Calling downstream');
        const res = await spec.call(server, req, { signal, logger });
        logger.trace('Called downstream');
        logDiagnostics(logger, spec.diagnostics?.(res) ?? []);
        response = spec.toProto(res);
        const out = (await responseCodec()).encode(response);
        logger.debug('Served request', { tf_req_duration_ms: Math.round(performance.now() - started) });
        return out;
      } catch (err) {
        logger.error('Unexpected error serving request', {
          error: errorMessage(err),
          ...(err instanceof Error && err.stack !== undefined && { error_stack: err.stack }),
        });
        return (await responseCodec()).encode(spec.failed(unexpectedErrorDiagnostic(method, err)));
      }
    });
  }

  const diags = (r: { readonly diagnostics: readonly Diagnostic[] }) => r.diagnostics;

  rpc('GetMetadata', {
    fromProto: fromProto.getMetadataRequest,
    call: (s, req, ctx) => s.getMetadata(req, ctx),
    toProto: toProto.getMetadataResponse,
    failed: diagnosticsOnly,
    diagnostics: diags,
  });
  rpc('GetProviderSchema', {
    fromProto: fromProto.getProviderSchemaRequest,
    call: (s, req, ctx) => s.getProviderSchema(req, ctx),
    toProto: toProto.getProviderSchemaResponse,
    failed: diagnosticsOnly,
    diagnostics: diags,
  });
  rpc('ValidateProviderConfig', {
    fromProto: fromProto.validateProviderConfigRequest,
    call: (s, req, ctx) => s.validateProviderConfig(req, ctx),
    toProto: toProto.validateProviderConfigResponse,
    failed: diagnosticsOnly,
    diagnostics: diags,
  });
  rpc('ConfigureProvider', {
    fromProto: fromProto.configureProviderRequest,
    call: (s, req, ctx) => s.configureProvider(req, ctx),
    toProto: toProto.configureProviderResponse,
    failed: diagnosticsOnly,
    diagnostics: diags,
  });
  rpc('ValidateResourceConfig', {
    fromProto: fromProto.validateResourceConfigRequest,
    call: (s, req, ctx) => s.validateResourceConfig(req, ctx),
    toProto: toProto.validateResourceConfigResponse,
    failed: diagnosticsOnly,
    resourceType: (req) => req.typeName,
    diagnostics: diags,
  });
  rpc('ValidateDataResourceConfig', {
    fromProto: fromProto.validateDataResourceConfigRequest,
    call: (s, req, ctx) => s.validateDataResourceConfig(req, ctx),
    toProto: toProto.validateDataResourceConfigResponse,
    failed: diagnosticsOnly,
    resourceType: (req) => req.typeName,
    diagnostics: diags,
  });
  rpc('UpgradeResourceState', {
    fromProto: fromProto.upgradeResourceStateRequest,
    call: (s, req, ctx) => s.upgradeResourceState(req, ctx),
    toProto: toProto.upgradeResourceStateResponse,
    failed: diagnosticsOnly,
    resourceType: (req) => req.typeName,
    diagnostics: diags,
  });
  rpc('ReadResource', {
    fromProto: fromProto.readResourceRequest,
    call: (s, req, ctx) => s.readResource(req, ctx),
    toProto: toProto.readResourceResponse,
    failed: diagnosticsOnly,
    resourceType: (req) => req.typeName,
    diagnostics: diags,
  });
  rpc('PlanResourceChange', {
    fromProto: fromProto.planResourceChangeRequest,
    call: (s, req, ctx) => s.planResourceChange(req, ctx),
    toProto: toProto.planResourceChangeResponse,
    failed: diagnosticsOnly,
    resourceType: (req) => req.typeName,
    diagnostics: diags,
  });
  rpc('ApplyResourceChange', {
    fromProto: fromProto.applyResourceChangeRequest,
    call: (s, req, ctx) => s.applyResourceChange(req, ctx),
    toProto: toProto.applyResourceChangeResponse,
    failed: diagnosticsOnly,
    resourceType: (req) => req.typeName,
    diagnostics: diags,
  });
  rpc('ImportResourceState', {
    fromProto: fromProto.importResourceStateRequest,
    call: (s, req, ctx) => s.importResourceState(req, ctx),
    toProto: toProto.importResourceStateResponse,
    failed: diagnosticsOnly,
    resourceType: (req) => req.typeName,
    diagnostics: diags,
  });
  rpc('MoveResourceState', {
    fromProto: fromProto.moveResourceStateRequest,
    call: (s, req, ctx) => s.moveResourceState(req, ctx),
    toProto: toProto.moveResourceStateResponse,
    failed: diagnosticsOnly,
    resourceType: (req) => req.targetTypeName,
    diagnostics: diags,
  });
  rpc('ReadDataSource', {
    fromProto: fromProto.readDataSourceRequest,
    call: (s, req, ctx) => s.readDataSource(req, ctx),
    toProto: toProto.readDataSourceResponse,
    failed: diagnosticsOnly,
    resourceType: (req) => req.typeName,
    diagnostics: diags,
  });
  rpc('GetFunctions', {
    fromProto: fromProto.getFunctionsRequest,
    call: (s, req, ctx) => s.getFunctions(req, ctx),
    toProto: toProto.getFunctionsResponse,
    failed: diagnosticsOnly,
    diagnostics: diags,
  });
  rpc('GetResourceIdentitySchemas', {
    fromProto: fromProto.getResourceIdentitySchemasRequest,
    call: (s, req, ctx) => s.getResourceIdentitySchemas(req, ctx),
    toProto: toProto.getResourceIdentitySchemasResponse,
    failed: diagnosticsOnly,
    diagnostics: diags,
  });
  rpc('StopProvider', {
    fromProto: fromProto.stopProviderRequest,
    call: (s, req, ctx) => {
      // The stop itself must not be cancelled by the stop it triggers.
      stopInFlight();
      return s.stopProvider(req, { ...ctx, signal: stopController.signal });
    },
    toProto: toProto.stopProviderResponse,
    failed: (d) => ({ Error: d.detail ?? d.summary }),
  });

  return {
    name: PROVIDER_SERVICE,
    unary,
    warmUp: async () => {
      await Promise.all([messageCodecFor('GetProviderSchema', 'request')(), getServer()]);
    },
  };
}

function messageCodecFor<M extends MethodName, D extends 'request' | 'response'>(
  method: M,
  direction: D,
): () => ReturnType<typeof messageCodec<pb.ProviderMethods[M][D]>> {
  return () => messageCodec<pb.ProviderMethods[M][D]>(PROVIDER_METHODS[method][direction]);
}

function logDiagnostics(logger: Logger, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    // Summary and path only: details may quote configuration.
    const fields = {
      diagnostic_severity: d.severity.toUpperCase(),
      diagnostic_summary: d.summary,
      ...(d.attribute !== undefined && { diagnostic_attribute: d.attribute.toString() }),
    };
    if (d.severity === 'error') logger.debug('Response contains error diagnostic', fields);
    else logger.debug('Response contains warning diagnostic', fields);
  }
}
