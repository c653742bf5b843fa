import type { ServerConfig } from './config';
import type { Registry } from './registry';

/** What every part of one running server shares. */
export interface ServerContext {
  config: ServerConfig;
  registry: Registry;
}
