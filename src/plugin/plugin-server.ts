/**
 * One running plugin endpoint: the gRPC server with tfplugin6.Provider and
 * go-plugin's companion services, bound to its listener. Process concerns
 * (signals, stdout, exiting) live in serve.ts; this part can run in-process.
 */
import type { Logger } from '../logging/logger.js';
import { createProviderService } from '../tfprotov6/provider-service.js';
import type { RpcService } from '../tfprotov6/rpc-handler.js';
import type { ProviderServer } from '../tfprotov6/types.js';
import { brokerService, controllerService, healthService, StdioMirror } from './go-plugin-services.js';
import type { GrpcMethod } from './grpc-server.js';
import { GrpcServer } from './grpc-server.js';
import type { TlsOptions } from './grpc-server.js';
import { bindListener } from './listener.js';
import type { PluginNetwork } from './listener.js';

/** terraform-plugin-go's limit: schemas and states of big providers exceed gRPC's 4 MiB default. */
export const GRPC_MAX_MESSAGE_SIZE = 256 << 20;

export interface PluginServerOptions {
  readonly providerAddress: string;
  readonly createServer: () => ProviderServer | Promise<ProviderServer>;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly network: PluginNetwork;
  readonly tls?: TlsOptions;
  /** Called after GRPCController.Shutdown has been answered. */
  readonly onShutdown: () => void;
}

export interface PluginServer {
  readonly network: PluginNetwork;
  readonly address: string;
  readonly stdio: StdioMirror;
  /** Loads HTTP/2, the codecs and the ProviderServer ahead of the first call. */
  warmUp(): Promise<void>;
  /** Stops serving and removes the socket directory. */
  close(): Promise<void>;
  /** Removes the socket directory synchronously (for process exit). */
  cleanup(): void;
}

function unaryMethods(service: RpcService): Record<string, GrpcMethod> {
  const methods: Record<string, GrpcMethod> = {};
  for (const [name, handler] of service.unary) methods[name] = { kind: 'unary', handler };
  return methods;
}

export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
  const grpc = new GrpcServer({
    logger: options.logger,
    maxMessageSize: GRPC_MAX_MESSAGE_SIZE,
    ...(options.tls !== undefined && { tls: options.tls }),
  });
  const provider = createProviderService({
    providerAddress: options.providerAddress,
    server: options.createServer,
    logger: options.logger,
  });
  const stdio = new StdioMirror();
  grpc.addService(provider.name, unaryMethods(provider));
  grpc.addService('plugin.GRPCController', controllerService(options.onShutdown));
  grpc.addService('plugin.GRPCStdio', stdio.service());
  grpc.addService('plugin.GRPCBroker', brokerService());
  grpc.addService('grpc.health.v1.Health', healthService());

  const listener = await bindListener(grpc, options.network, options.env);
  return {
    network: listener.network,
    address: listener.address,
    stdio,
    warmUp: async () => {
      await grpc.prepare();
      await provider.warmUp();
    },
    close: async () => {
      await grpc.close();
      listener.cleanup();
    },
    cleanup: listener.cleanup,
  };
}
