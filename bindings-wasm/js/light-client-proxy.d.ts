// Hand-written declarations of taolight/light-client-proxy.js (checked by
// examples/node/check-dts-chain.mjs against the class's real methods).
import type {
  AccountInfo, BlockRef, DatabaseStorage, LightClientOptions, SimSwapResult, StakePosition,
  StartInfo, SubnetPool, SubnetSummary, SyncStatus,
} from './taolight.js';

/** Options of `LightClientProxy.start`: those of `LightClient.start`, with `storage` either an object in this thread or IndexedDB inside the worker. */
export interface LightClientProxyOptions extends Omit<LightClientOptions, "storage"> {
  storage?: DatabaseStorage | { indexedDb: string | null };
}

/** A `LightClient` running in a Web Worker (`taolight/worker.js`), driven from this thread. */
export declare class LightClientProxy {
  /** Starts a client in `worker` (default: a new module Worker on `./worker.js`, terminated by `stop()`). */
  static start(specJson: string, options?: LightClientProxyOptions, worker?: Worker): Promise<LightClientProxy>;
  /** The chain's genesis hash (`0x`-hex). */
  readonly genesisHash: string;
  /** What the client started from. */
  readonly startInfo: StartInfo;
  /** The Worker the client runs in. */
  readonly worker: Worker;
  /** Status snapshots: the latest known first, then one per change; ends when the client stops. */
  statusEvents(): AsyncIterableIterator<SyncStatus>;
  waitReady(): Promise<SyncStatus>;
  finalizedHead(): Promise<BlockRef>;
  bestHead(): Promise<BlockRef>;
  account(address: string, at?: string): Promise<AccountInfo>;
  stakePositions(coldkey: string, at?: string): Promise<StakePosition[]>;
  subnetPool(netuid: number, at?: string): Promise<SubnetPool>;
  subnets(at?: string): Promise<SubnetSummary[]>;
  simSwapTaoForAlpha(netuid: number, tao: bigint, at?: string): Promise<SimSwapResult>;
  simSwapAlphaForTao(netuid: number, alpha: bigint, at?: string): Promise<SimSwapResult>;
  currentAlphaPrice(netuid: number, at?: string): Promise<bigint>;
  storage(at: string | Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined>;
  saveDatabase(): Promise<Uint8Array>;
  /** Saves the database (with a storage), stops the client, terminates a worker `start` created. */
  stop(): Promise<void>;
}
