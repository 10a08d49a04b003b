// Hand-written declarations of taolight/light-client-proxy.js (checked by
// examples/node/check-dts-chain.mjs against the class's real methods).
import type {
  AccountInfo, BlockRef, DatabaseStorage, FeeInfo, LightClientOptions, MoveQuote, PayloadSignature,
  PlanAction, PlanWarning, SigningPayloadJson, SimSwapResult, SlippageParam, StakePosition,
  StartInfo, SubnetPool, SubnetSummary, SwapQuote, SyncStatus, TxStatus, WalletOptions,
} from './taolight.js';

/** Options of `LightClientProxy.start`: those of `LightClient.start`, with `storage` either an object in this thread or IndexedDB inside the worker, and the options of the worker's `Wallet`. */
export interface LightClientProxyOptions extends Omit<LightClientOptions, "storage"> {
  storage?: DatabaseStorage | { indexedDb: string | null };
  /** Options of the `Wallet` the worker runs the flows with. */
  wallet?: WalletOptions;
}

/** A `Plan` kept in the worker, as a plain object: its fields, its `id` there and its payload's JSON. */
export interface ProxyPlan {
  /** The worker's id of the plan (for `submitSigned` / `releasePlan`). */
  id: number;
  action: PlanAction;
  signer: string;
  at: { number: number; hash: Uint8Array };
  quote: SwapQuote | MoveQuote | Array<{ netuid: number; alpha: bigint; quote?: SwapQuote; taoOut: bigint }> | undefined;
  expectedOut: bigint;
  swapFee: bigint;
  priceImpactPpb: bigint;
  limitPrice: bigint | undefined;
  fee: FeeInfo;
  tip: bigint;
  warnings: PlanWarning[];
  callSummary: string;
  nonce: number;
  call: Uint8Array;
  /** What to sign in this thread: `SigningPayload.fromJSON(plan.payload).sign(keypair)`. */
  payload: SigningPayloadJson;
}

/** A transaction submitted through the worker: the shape of the package's `Submission`. */
export declare class SubmissionProxy implements AsyncIterableIterator<TxStatus> {
  private constructor();
  /** The transaction hash (32 bytes). */
  readonly hash: Uint8Array;
  /** The nonce it was signed with. */
  readonly nonce: number;
  /** The submitted extrinsic's bytes. */
  readonly extrinsic: Uint8Array;
  /** The next status (`done` after a terminal one). */
  next(): Promise<IteratorResult<TxStatus, undefined>>;
  /** Stops iterating; the transaction itself goes on. */
  return(): Promise<IteratorResult<TxStatus, undefined>>;
  [Symbol.asyncIterator](): SubmissionProxy;
  /** Calls `onStatus` with every status; resolves to the terminal one. */
  watch(onStatus: (status: TxStatus) => void): Promise<TxStatus>;
  /** The `finalized` status; rejects with `TxDropped`, `TxInvalid` or `TxError` otherwise. */
  finalized(): Promise<TxStatus & { type: "finalized" }>;
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
  stake(coldkey: string, hotkey: string, netuid: number, tao: bigint, slippage?: SlippageParam): Promise<ProxyPlan>;
  unstake(coldkey: string, hotkey: string, netuid: number, alpha: bigint, slippage?: SlippageParam): Promise<ProxyPlan>;
  unstakeFull(coldkey: string, hotkey: string, netuid: number, slippage?: SlippageParam): Promise<ProxyPlan>;
  unstakeAll(coldkey: string, hotkey: string): Promise<ProxyPlan>;
  unstakeAllAlpha(coldkey: string, hotkey: string): Promise<ProxyPlan>;
  moveStake(coldkey: string, originHotkey: string, destinationHotkey: string, originNetuid: number, destinationNetuid: number, alpha: bigint): Promise<ProxyPlan>;
  transferStake(coldkey: string, destinationColdkey: string, hotkey: string, originNetuid: number, destinationNetuid: number, alpha: bigint): Promise<ProxyPlan>;
  swapStake(coldkey: string, hotkey: string, originNetuid: number, destinationNetuid: number, alpha: bigint, slippage: SlippageParam | null): Promise<ProxyPlan>;
  transfer(coldkey: string, dest: string, rao: bigint, keepAlive?: boolean): Promise<ProxyPlan>;
  /** Submits the worker's plan `planId` with a signature over its `payload` made in this thread. */
  submitSigned(planId: number, signature: PayloadSignature): Promise<SubmissionProxy>;
  /** Frees the worker's plan (resolves to whether it was there). */
  releasePlan(planId: number): Promise<boolean>;
  /** Saves the database (with a storage), stops the client, terminates a worker `start` created. */
  stop(): Promise<void>;
}
