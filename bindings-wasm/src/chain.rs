//! The light client for JavaScript: a verifying smoldot following one chain, with typed reads.
//!
//! ```js
//! import { LightClient, IndexedDbStorage } from 'taolight';
//! const client = await LightClient.start(specJson, {
//!   bootnodes: ['/dns/…/tcp/443/wss/p2p/12D3…'],        // optional: replaces the spec's
//!   storage: new IndexedDbStorage(),                     // optional: saved and reloaded database
//!   onStatus: (s) => console.log(s.phase, s.peers),      // optional
//! });
//! for await (const s of client.statusEvents()) { if (s.phase === 'ready') break; }
//! const head = await client.finalizedHead();             // { number, hash: '0x…' }
//! const me = await client.account('5Grw…', head.hash);  // { free: 123n, … } (rao)
//! const positions = await client.stakePositions('5Grw…');
//! await client.stop();                                   // saves the database, then stops
//! ```
//! Runs in a page, a Web Worker (recommended: background tabs throttle timers; see the
//! package's `worker.js` and `light-client-proxy.js`) or Node 22+ (Node 20:
//! `--experimental-websocket`). Every method returns a Promise; failures reject with a
//! `TaolightError` whose `code` is the `ChainError` variant (`BadSpec`, `NoPeers`, `Stalled`,
//! `ProofInvalid`, `ShapeMismatch`, `Stopped`, …) or a keys code for a bad address. Amounts are
//! `bigint` rao, addresses SS58 strings, block hashes `0x`-hex strings. Reads default to the
//! finalized block; pass `at` (a recent finalized block's hash) to read several values at the
//! same block. No logic here: every read is one call of `core::chain::ChainReader`.
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use taolight_core::chain::{
    BlockRef, ChainError, ChainReader, ChainSpec, Checkpoint, LightClient, LightClientConfig,
    Phase, SavedDatabase, StakePosition, Stall, StatusStream, SubnetPool, SubnetSummary,
    SyncStatus,
};
use taolight_core::keys::ss58;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::Error;
use crate::amount::u64_from_js;
use crate::stake::{pool_to_js, sim_swap_to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_CHAIN: &'static str = r#"
/** Where the client is in reaching the chain's head. */
export type SyncPhase = "connecting" | "warpSyncing" | "syncing" | "ready";
/** Why the client considers the chain stalled. */
export type StallReason = "noPeers" | "noProgress" | "noFinality";
/** A block: number and `0x`-hex hash. */
export interface BlockRef { number: number; hash: string }
/** A snapshot of the light client's state. */
export interface SyncStatus {
  phase: SyncPhase;
  /** Warp-sync progress while `phase` is `"warpSyncing"`, else `null`. */
  warpSync: { at: number; target: number } | null;
  /** Connected peers. */
  peers: number;
  /** Set while the chain is stalled; `waitReady()` rejects with `NoPeers` / `Stalled` then. */
  stalled: StallReason | null;
  best: BlockRef | null;
  finalized: BlockRef | null;
}
/**
 * Where the light-client database is kept between runs (`IndexedDbStorage`, `FileStorage`, or
 * your own). `chainKey` names the chain (the genesis hash unless `storageKey` is given); `load`
 * resolves to the bytes last saved for it, or `null`.
 */
export interface DatabaseStorage {
  load(chainKey: string): Promise<Uint8Array | null>;
  save(chainKey: string, bytes: Uint8Array): Promise<void>;
}
/** Options of `LightClient.start`. */
export interface LightClientOptions {
  /** Replace the spec's bootnodes (multiaddrs ending in `/p2p/<peer id>`; browsers need `/wss`, or `/ws` to localhost). */
  bootnodes?: string[];
  /** A taolight checkpoint (JSON text, format `taolight-checkpoint/1`): start after genesis. */
  checkpoint?: string;
  /** A database from `saveDatabase()` to start from (wins over `storage`'s). */
  database?: Uint8Array | string;
  /** Load the database on start, save it every `autosaveIntervalMs` and on `stop()`. */
  storage?: DatabaseStorage;
  /** The key under which `storage` keeps this chain's database (default: the genesis hash). */
  storageKey?: string;
  /** Milliseconds between automatic saves to `storage` (default 60000; 0: only on stop and `saveDatabase()`). */
  autosaveIntervalMs?: number;
  /** Largest database to save, bytes (default 8 MiB; smoldot leaves out what does not fit, e.g. the runtime code). */
  maxDatabaseBytes?: number;
  /** Called with every status change (the current status first). */
  onStatus?: (status: SyncStatus) => void;
  /** Called when an automatic save to `storage` fails (default: `console.warn`). */
  onStorageError?: (error: TaolightError) => void;
}
/** What the client started from. */
export interface StartInfo {
  /** `"none"`: no database; `"loaded"`: started from one; `"rejected"`: the stored one was unusable (see `reason`) and the client started without it. */
  database: "none" | "loaded" | "rejected";
  /** The finalized block number stored in the database it started from. */
  databaseFinalizedNumber: number | null;
  /** Why a stored database was rejected. */
  reason: string | null;
  /** The key used with `storage`, if any. */
  storageKey: string | null;
}
/** `System.Account` of an address (balances in rao). */
export interface AccountInfo {
  nonce: number;
  consumers: number;
  providers: number;
  sufficients: number;
  free: bigint;
  reserved: bigint;
  frozen: bigint;
  flags: bigint;
}
/** A stake position of a coldkey: its share of a hotkey's alpha on one subnet. */
export interface StakePosition {
  /** The hotkey, SS58. */
  hotkey: string;
  netuid: number;
  /** Alpha owned, rao (the chain's share arithmetic). */
  alpha: bigint;
  /** TAO for unstaking all of it now, rao (`sim_swap_alpha_for_tao`, swap fee deducted, transaction fee not). */
  taoValue: bigint;
  /** Alpha at the spot price, rao (no fee, no slippage). */
  spotTaoValue: bigint;
  /** The coldkey's shares. */
  share: SafeFloat;
  /** `TotalHotkeyAlpha`: the hotkey's alpha on this subnet, rao. */
  hotkeyAlpha: bigint;
  /** `TotalHotkeyShares`: all shares of the hotkey's pool. */
  hotkeyShares: SafeFloat;
}
/** One subnet's pool at one block; `pool` goes straight into `quoteStake` & co. */
export interface SubnetPool {
  netuid: number;
  pool: Pool;
  /** `SubnetAlphaOut`: alpha held as stake, rao. */
  alphaOut: bigint;
}
/** One entry of `subnets()`. */
export interface SubnetSummary {
  netuid: number;
  pool: Pool;
  alphaOut: bigint;
  /** Spot price, rao per alpha (`current_alpha_price`). */
  price: bigint;
  /** `TokenSymbol` as text (UTF-8, invalid bytes replaced). */
  symbol: string;
}
export interface StatusEvents extends AsyncIterableIterator<SyncStatus> {}
"#;

impl From<ChainError> for Error {
    fn from(e: ChainError) -> Self {
        let code = match &e {
            ChainError::BadSpec(_) => "BadSpec",
            ChainError::BadGenesis(_) => "BadGenesis",
            ChainError::GenesisMismatch { .. } => "GenesisMismatch",
            ChainError::BadCheckpoint(_) => "BadCheckpoint",
            ChainError::CheckpointWrongChain { .. } => "CheckpointWrongChain",
            ChainError::BadDatabase(_) => "BadDatabase",
            ChainError::StartFailed(_) => "StartFailed",
            ChainError::NoPeers => "NoPeers",
            ChainError::Stalled => "Stalled",
            ChainError::ProofInvalid(_) => "ProofInvalid",
            ChainError::RuntimeCallFailed { .. } => "RuntimeCallFailed",
            ChainError::TransactionInvalid(_) => "TransactionInvalid",
            ChainError::TransactionDropped(_) => "TransactionDropped",
            ChainError::Rpc { .. } => "Rpc",
            ChainError::MalformedRpc(_) => "MalformedRpc",
            ChainError::Busy => "Busy",
            ChainError::Stopped => "Stopped",
            ChainError::Unsupported(_) => "Unsupported",
            ChainError::Metadata(_) => "Metadata",
            ChainError::ShapeMismatch { .. } => "ShapeMismatch",
            ChainError::Decode { .. } => "Decode",
            // A variant added later keeps a generic code until it is listed here.
            #[allow(unreachable_patterns)]
            _ => "ChainError",
        };
        Error {
            code,
            message: e.to_string(),
        }
    }
}

/// Default time between automatic database saves.
const DEFAULT_AUTOSAVE_MS: u32 = 60_000;
/// Default largest database saved (smoldot drops the runtime code first when it does not fit).
const DEFAULT_MAX_DATABASE_BYTES: usize = 8 * 1024 * 1024;

/// A light client following one chain (smoldot, verifying everything it serves).
#[wasm_bindgen(js_name = LightClient)]
pub struct JsLightClient {
    reader: Rc<ChainReader<LightClient>>,
    persist: Option<Rc<Persist>>,
    start_info: StartInfo,
}

/// The database storage of a running client.
struct Persist {
    storage: JsValue,
    key: String,
    max_bytes: usize,
    on_error: Option<Function>,
    /// The pending autosave timeout, cleared on stop.
    timer: RefCell<Option<JsValue>>,
    stopped: Cell<bool>,
}

/// What the client started from (see the `StartInfo` interface).
#[derive(Clone, Debug, Default)]
struct StartInfo {
    database: &'static str,
    finalized_number: Option<u64>,
    reason: Option<String>,
    storage_key: Option<String>,
}

/// `LightClientOptions`, read from JS.
#[derive(Default)]
struct Options {
    bootnodes: Option<Vec<String>>,
    checkpoint: Option<String>,
    database: Option<String>,
    storage: Option<JsValue>,
    storage_key: Option<String>,
    autosave_ms: u32,
    max_bytes: usize,
    on_status: Option<Function>,
    on_storage_error: Option<Function>,
}

impl Options {
    fn from_js(value: &JsValue) -> Result<Options, Error> {
        let mut o = Options {
            autosave_ms: DEFAULT_AUTOSAVE_MS,
            max_bytes: DEFAULT_MAX_DATABASE_BYTES,
            ..Options::default()
        };
        if value.is_undefined() || value.is_null() {
            return Ok(o);
        }
        if !value.is_object() {
            return Err(Error::invalid_argument("options must be an object"));
        }
        let get = |name: &str| -> Option<JsValue> {
            Reflect::get(value, &JsValue::from_str(name))
                .ok()
                .filter(|v| !v.is_undefined() && !v.is_null())
        };
        if let Some(b) = get("bootnodes") {
            let list = b
                .dyn_into::<Array>()
                .map_err(|_| Error::invalid_argument("options.bootnodes must be an array"))?;
            o.bootnodes = Some(
                list.iter()
                    .map(|s| {
                        s.as_string().ok_or_else(|| {
                            Error::invalid_argument("options.bootnodes must hold strings")
                        })
                    })
                    .collect::<Result<_, _>>()?,
            );
        }
        if let Some(c) = get("checkpoint") {
            o.checkpoint =
                Some(c.as_string().ok_or_else(|| {
                    Error::invalid_argument("options.checkpoint must be a string")
                })?);
        }
        if let Some(d) = get("database") {
            o.database = Some(
                database_text(&d)
                    .map_err(|why| Error::invalid_argument(format!("options.database: {why}")))?,
            );
        }
        if let Some(s) = get("storage") {
            for m in ["load", "save"] {
                if !Reflect::get(&s, &JsValue::from_str(m)).is_ok_and(|f| f.is_function()) {
                    return Err(Error::invalid_argument(format!(
                        "options.storage must have a {m}() method"
                    )));
                }
            }
            o.storage = Some(s);
        }
        if let Some(k) = get("storageKey") {
            o.storage_key =
                Some(k.as_string().ok_or_else(|| {
                    Error::invalid_argument("options.storageKey must be a string")
                })?);
        }
        if let Some(ms) = get("autosaveIntervalMs") {
            o.autosave_ms = ms
                .as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= f64::from(i32::MAX))
                .ok_or_else(|| {
                    Error::invalid_argument("options.autosaveIntervalMs must be an integer ≥ 0")
                })? as u32;
        }
        if let Some(n) = get("maxDatabaseBytes") {
            o.max_bytes = n
                .as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= 4_294_967_295.0)
                .ok_or_else(|| {
                    Error::invalid_argument("options.maxDatabaseBytes must be an integer ≥ 0")
                })? as usize;
        }
        o.on_status = function_option(get("onStatus"), "onStatus")?;
        o.on_storage_error = function_option(get("onStorageError"), "onStorageError")?;
        Ok(o)
    }
}

fn function_option(v: Option<JsValue>, name: &str) -> Result<Option<Function>, Error> {
    v.map(|f| {
        f.dyn_into::<Function>()
            .map_err(|_| Error::invalid_argument(format!("options.{name} must be a function")))
    })
    .transpose()
}

/// A database as text: from a `Uint8Array` (UTF-8) or a string.
fn database_text(value: &JsValue) -> Result<String, String> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return String::from_utf8(bytes.to_vec()).map_err(|_| "not UTF-8 text".to_owned());
    }
    Err("must be a Uint8Array or a string".to_owned())
}

/// `0x`-hex of bytes.
pub(crate) fn hex0x(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(2 + bytes.len() * 2);
    s.push_str("0x");
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// A block hash given as `0x`-hex string or 32-byte `Uint8Array`.
fn block_hash_from_js(value: &JsValue, what: &str) -> Result<[u8; 32], Error> {
    let bad = || {
        Error::invalid_argument(format!(
            "{what} must be a 32-byte hash (0x-hex or Uint8Array)"
        ))
    };
    if let Some(bytes) = value.dyn_ref::<Uint8Array>() {
        return bytes.to_vec().try_into().map_err(|_| bad());
    }
    let s = value.as_string().ok_or_else(bad)?;
    let h = s.strip_prefix("0x").ok_or_else(bad)?;
    if h.len() != 64 || !h.is_ascii() {
        return Err(bad());
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&h[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(out)
}

/// An account given as SS58 address.
fn account_from_js(address: &JsValue, what: &str) -> Result<[u8; 32], Error> {
    let s = address
        .as_string()
        .ok_or_else(|| Error::invalid_argument(format!("{what} must be an SS58 string")))?;
    Ok(ss58::decode(&s)?.1)
}

/// A subnet id (`number` in 0 ..= 65535).
fn netuid_from_js(value: &JsValue) -> Result<u16, Error> {
    crate::amount::uint_from_js(value, "netuid", u64::from(u16::MAX)).map(|n| n as u16)
}

/// A plain object from `(name, value)` pairs.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let out = Object::new();
    for (name, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&out, &JsValue::from_str(name), value);
    }
    out.into()
}

fn block_to_js(b: &Option<BlockRef>) -> JsValue {
    match b {
        None => JsValue::NULL,
        Some(b) => object(&[
            ("number", (b.number as f64).into()),
            ("hash", hex0x(&b.hash).into()),
        ]),
    }
}

/// A [`SyncStatus`] as the `SyncStatus` interface.
pub(crate) fn status_to_js(s: &SyncStatus) -> JsValue {
    let (phase, warp) = match s.phase {
        Phase::Connecting => ("connecting", JsValue::NULL),
        Phase::WarpSyncing { at, target } => (
            "warpSyncing",
            object(&[
                ("at", (at as f64).into()),
                ("target", (target as f64).into()),
            ]),
        ),
        Phase::Syncing => ("syncing", JsValue::NULL),
        Phase::Ready => ("ready", JsValue::NULL),
    };
    let stalled = match s.stalled {
        None => JsValue::NULL,
        Some(Stall::NoPeers) => "noPeers".into(),
        Some(Stall::NoProgress) => "noProgress".into(),
        Some(Stall::NoFinality) => "noFinality".into(),
    };
    object(&[
        ("phase", phase.into()),
        ("warpSync", warp),
        ("peers", s.peers.into()),
        ("stalled", stalled),
        ("best", block_to_js(&s.best)),
        ("finalized", block_to_js(&s.finalized)),
    ])
}

fn safe_float_to_js(f: &taolight_core::stake::SafeFloat) -> JsValue {
    object(&[
        ("mantissa", f.mantissa.into()),
        ("exponent", f.exponent.into()),
    ])
}

fn position_to_js(p: &StakePosition) -> JsValue {
    object(&[
        (
            "hotkey",
            ss58::encode(&p.hotkey, ss58::DEFAULT_PREFIX).into(),
        ),
        ("netuid", p.netuid.into()),
        ("alpha", p.alpha.into()),
        ("taoValue", p.tao_value.into()),
        ("spotTaoValue", p.spot_tao_value.into()),
        ("share", safe_float_to_js(&p.share)),
        ("hotkeyAlpha", p.hotkey_pool.value.into()),
        ("hotkeyShares", safe_float_to_js(&p.hotkey_pool.denominator)),
    ])
}

fn subnet_pool_to_js(p: &SubnetPool) -> JsValue {
    object(&[
        ("netuid", p.netuid.into()),
        ("pool", pool_to_js(&p.pool)),
        ("alphaOut", p.alpha_out.into()),
    ])
}

fn subnet_to_js(s: &SubnetSummary) -> JsValue {
    object(&[
        ("netuid", s.pool.netuid.into()),
        ("pool", pool_to_js(&s.pool.pool)),
        ("alphaOut", s.pool.alpha_out.into()),
        ("price", s.price.into()),
        (
            "symbol",
            String::from_utf8_lossy(&s.symbol).into_owned().into(),
        ),
    ])
}

/// Runs `f` as a Promise that rejects with a `TaolightError`.
fn promise<F>(f: F) -> Promise
where
    F: Future<Output = Result<JsValue, Error>> + 'static,
{
    js_sys::futures::future_to_promise(async move { f.await.map_err(JsValue::from) })
}

/// Awaits whatever a JS method returned (a Promise or a plain value).
async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    js_sys::futures::JsFuture::from(Promise::resolve(&value)).await
}

/// Calls `object.name(...args)` and awaits the result.
async fn call_method(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(object, &JsValue::from_str(name))?.dyn_into()?;
    let result = f.apply(object, &args.iter().collect::<Array>())?;
    settle(result).await
}

/// The message of a thrown JS value (no secrets pass through the storage interface).
fn js_error_text(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Loads and checks a stored database: `Ok(None)` if there is none, `Err(reason)` if it is
/// unusable (the client then starts without it).
async fn load_stored(
    storage: &JsValue,
    key: &str,
    genesis: &[u8; 32],
) -> Result<Option<SavedDatabase>, String> {
    let value = call_method(storage, "load", &[key.into()])
        .await
        .map_err(|e| format!("storage.load failed: {}", js_error_text(&e)))?;
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    let text = database_text(&value).map_err(|why| format!("stored database {why}"))?;
    let db = SavedDatabase::parse(&text).map_err(|e| e.to_string())?;
    if &db.genesis_hash() != genesis {
        return Err(format!(
            "stored database is for genesis {}, the chain spec's is {}",
            hex0x(&db.genesis_hash()),
            hex0x(genesis)
        ));
    }
    Ok(Some(db))
}

impl Persist {
    /// Exports the database and hands it to the storage (skipped before the client knows a
    /// finalized block, so a good stored database is never replaced by an empty one).
    async fn save(&self, client: &LightClient) -> Result<Option<Uint8Array>, Error> {
        let current = client.status().next().await;
        if current.and_then(|s| s.finalized).is_none() {
            return Ok(None);
        }
        let bytes = export(client, self.max_bytes).await?;
        call_method(
            &self.storage,
            "save",
            &[self.key.as_str().into(), bytes.clone().into()],
        )
        .await
        .map_err(|e| Error {
            code: "Storage",
            message: format!("storage.save failed: {}", js_error_text(&e)),
        })?;
        Ok(Some(bytes))
    }

    fn report(&self, e: Error) {
        let value = JsValue::from(e);
        match &self.on_error {
            Some(f) => {
                let _ = f.call1(&JsValue::NULL, &value);
            }
            None => {
                if let Ok(console) = Reflect::get(&js_sys::global(), &"console".into())
                    && let Ok(warn) = Reflect::get(&console, &"warn".into())
                    && let Ok(warn) = warn.dyn_into::<Function>()
                {
                    let _ = warn.call2(
                        &console,
                        &"taolight: database autosave failed:".into(),
                        &value,
                    );
                }
            }
        }
    }

    /// Resolves after `ms` milliseconds (`setTimeout`, unref'd in Node so it never keeps the
    /// process alive); the timeout is kept so that `stop()` can clear it.
    async fn sleep(&self, ms: u32) {
        let global = js_sys::global();
        let Ok(set_timeout) =
            Reflect::get(&global, &"setTimeout".into()).and_then(|f| f.dyn_into::<Function>())
        else {
            return;
        };
        let mut handle = JsValue::UNDEFINED;
        let wait = Promise::new(&mut |resolve, _reject| {
            handle = set_timeout
                .call2(&global, &resolve, &ms.into())
                .unwrap_or(JsValue::UNDEFINED);
        });
        if let Ok(unref) = Reflect::get(&handle, &"unref".into())
            && let Ok(unref) = unref.dyn_into::<Function>()
        {
            let _ = unref.call0(&handle);
        }
        *self.timer.borrow_mut() = Some(handle);
        let _ = js_sys::futures::JsFuture::from(wait).await;
        self.timer.borrow_mut().take();
    }

    fn clear_timer(&self) {
        if let Some(handle) = self.timer.borrow_mut().take() {
            let global = js_sys::global();
            if let Ok(clear) =
                Reflect::get(&global, &"clearTimeout".into()).and_then(|f| f.dyn_into::<Function>())
            {
                let _ = clear.call1(&global, &handle);
            }
        }
    }
}

/// smoldot's database as UTF-8 bytes.
async fn export(client: &LightClient, max_bytes: usize) -> Result<Uint8Array, Error> {
    let db = client.save_database(max_bytes).await?;
    Ok(Uint8Array::from(db.as_str().as_bytes()))
}

async fn autosave(client: LightClient, persist: Rc<Persist>, interval_ms: u32) {
    loop {
        persist.sleep(interval_ms).await;
        if persist.stopped.get() {
            break;
        }
        if let Err(e) = persist.save(&client).await {
            if persist.stopped.get() {
                break;
            }
            persist.report(e);
        }
    }
}

async fn start_client(spec_json: String, options: JsValue) -> Result<JsLightClient, Error> {
    let opts = Options::from_js(&options)?;
    let mut spec = ChainSpec::from_json(&spec_json)?;
    if let Some(b) = &opts.bootnodes {
        spec.set_bootnodes(b)?;
    }
    let genesis = spec.genesis_hash()?;
    let mut config = LightClientConfig::new(spec);
    if let Some(cp) = &opts.checkpoint {
        config.checkpoint = Some(Checkpoint::from_json(cp)?);
    }
    let key = opts
        .storage
        .as_ref()
        .map(|_| opts.storage_key.clone().unwrap_or_else(|| hex0x(&genesis)));
    let mut info = StartInfo {
        database: "none",
        storage_key: key.clone(),
        ..StartInfo::default()
    };
    if let Some(text) = &opts.database {
        let db = SavedDatabase::parse(text)?;
        info.database = "loaded";
        info.finalized_number = db.finalized_number();
        config.database = Some(db);
    } else if let (Some(storage), Some(key)) = (&opts.storage, &key) {
        match load_stored(storage, key, &genesis).await {
            Ok(None) => {}
            Ok(Some(db)) => {
                info.database = "loaded";
                info.finalized_number = db.finalized_number();
                config.database = Some(db);
            }
            Err(reason) => {
                info.database = "rejected";
                info.reason = Some(reason);
            }
        }
    }
    let client = LightClient::start(config)?;

    if let Some(callback) = opts.on_status {
        let mut stream = client.status();
        js_sys::futures::spawn_local(async move {
            while let Some(s) = stream.next().await {
                let _ = callback.call1(&JsValue::NULL, &status_to_js(&s));
            }
        });
    }
    let persist = match (opts.storage, key) {
        (Some(storage), Some(key)) => Some(Rc::new(Persist {
            storage,
            key,
            max_bytes: opts.max_bytes,
            on_error: opts.on_storage_error,
            timer: RefCell::new(None),
            stopped: Cell::new(false),
        })),
        _ => None,
    };
    if let Some(p) = &persist
        && opts.autosave_ms > 0
    {
        js_sys::futures::spawn_local(autosave(client.clone(), p.clone(), opts.autosave_ms));
    }
    Ok(JsLightClient {
        reader: Rc::new(ChainReader::new(client)),
        persist,
        start_info: info,
    })
}

impl JsLightClient {
    /// The core client (for the other binding modules, e.g. transaction submission).
    pub fn core(&self) -> &LightClient {
        self.reader.source()
    }

    /// The core reader over this client (shares its metadata cache).
    pub fn reader(&self) -> Rc<ChainReader<LightClient>> {
        self.reader.clone()
    }

    /// A typed read at `at` (or the finalized block) as a Promise.
    fn read<F, Fut>(&self, at: JsValue, f: F) -> Promise
    where
        F: FnOnce(Rc<ChainReader<LightClient>>, [u8; 32]) -> Fut + 'static,
        Fut: Future<Output = Result<JsValue, Error>> + 'static,
    {
        let reader = self.reader.clone();
        promise(async move {
            let at = if at.is_undefined() || at.is_null() {
                reader.source().finalized_head().await?.hash
            } else {
                block_hash_from_js(&at, "at")?
            };
            f(reader, at).await
        })
    }
}

#[wasm_bindgen(js_class = LightClient)]
impl JsLightClient {
    /// Starts the client on a raw chain spec (JSON text). Resolves once the chain is added
    /// (after loading `options.storage`'s database); follow progress with `statusEvents()` or
    /// `onStatus`, or wait with `waitReady()`.
    #[wasm_bindgen(unchecked_return_type = "Promise<LightClient>")]
    pub fn start(
        #[wasm_bindgen(js_name = specJson)] spec_json: String,
        #[wasm_bindgen(unchecked_optional_param_type = "LightClientOptions")] options: Option<
            JsValue,
        >,
    ) -> Promise {
        promise(async move {
            let client = start_client(spec_json, options.unwrap_or(JsValue::UNDEFINED)).await?;
            Ok(client.into())
        })
    }

    /// The chain's genesis hash (`0x`-hex).
    #[wasm_bindgen(getter, js_name = genesisHash)]
    pub fn genesis_hash(&self) -> String {
        hex0x(&self.core().genesis_hash())
    }

    /// What the client started from (database loaded, rejected or none).
    #[wasm_bindgen(getter, js_name = startInfo, unchecked_return_type = "StartInfo")]
    pub fn start_info(&self) -> JsValue {
        let i = &self.start_info;
        object(&[
            ("database", i.database.into()),
            (
                "databaseFinalizedNumber",
                i.finalized_number
                    .map_or(JsValue::NULL, |n| (n as f64).into()),
            ),
            (
                "reason",
                i.reason.clone().map_or(JsValue::NULL, JsValue::from),
            ),
            (
                "storageKey",
                i.storage_key.clone().map_or(JsValue::NULL, JsValue::from),
            ),
        ])
    }

    /// Status snapshots as an async iterator: the current one first, then one per change; ends
    /// when the client stops.
    #[wasm_bindgen(js_name = statusEvents, unchecked_return_type = "StatusEvents")]
    pub fn status_events(&self) -> JsValue {
        StatusEvents::into_js(self.core().status())
    }

    /// Resolves to the status once the client follows the head (phase `"ready"`); rejects with
    /// `NoPeers` / `Stalled` when the chain stalls, `Stopped` after `stop()`.
    #[wasm_bindgen(js_name = waitReady, unchecked_return_type = "Promise<SyncStatus>")]
    pub fn wait_ready(&self) -> Promise {
        let reader = self.reader.clone();
        promise(async move { Ok(status_to_js(&reader.source().wait_ready().await?)) })
    }

    /// The finalized block (waits until ready).
    #[wasm_bindgen(js_name = finalizedHead, unchecked_return_type = "Promise<BlockRef>")]
    pub fn finalized_head(&self) -> Promise {
        let reader = self.reader.clone();
        promise(async move { Ok(block_to_js(&Some(reader.source().finalized_head().await?))) })
    }

    /// The best block (waits until ready).
    #[wasm_bindgen(js_name = bestHead, unchecked_return_type = "Promise<BlockRef>")]
    pub fn best_head(&self) -> Promise {
        let reader = self.reader.clone();
        promise(async move { Ok(block_to_js(&Some(reader.source().best_head().await?))) })
    }

    /// `System.Account(address)` at `at` (default: the finalized block); defaults for an
    /// unknown account.
    #[wasm_bindgen(unchecked_return_type = "Promise<AccountInfo>")]
    pub fn account(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] address: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] at: Option<JsValue>,
    ) -> Promise {
        self.read(at.unwrap_or_default(), move |reader, at| async move {
            let account = account_from_js(&address, "address")?;
            let a = reader.account(&at, &account).await?;
            Ok(object(&[
                ("nonce", a.nonce.into()),
                ("consumers", a.consumers.into()),
                ("providers", a.providers.into()),
                ("sufficients", a.sufficients.into()),
                ("free", a.free.into()),
                ("reserved", a.reserved.into()),
                ("frozen", a.frozen.into()),
                ("flags", a.flags.into()),
            ]))
        })
    }

    /// Every non-zero stake position of `coldkey` (SS58) with its alpha and TAO value.
    #[wasm_bindgen(js_name = stakePositions, unchecked_return_type = "Promise<StakePosition[]>")]
    pub fn stake_positions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] coldkey: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] at: Option<JsValue>,
    ) -> Promise {
        self.read(at.unwrap_or_default(), move |reader, at| async move {
            let coldkey = account_from_js(&coldkey, "coldkey")?;
            let positions = reader.stake_positions(&at, &coldkey).await?;
            Ok(positions
                .iter()
                .map(position_to_js)
                .collect::<Array>()
                .into())
        })
    }

    /// The pool of subnet `netuid`.
    #[wasm_bindgen(js_name = subnetPool, unchecked_return_type = "Promise<SubnetPool>")]
    pub fn subnet_pool(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] netuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] at: Option<JsValue>,
    ) -> Promise {
        self.read(at.unwrap_or_default(), move |reader, at| async move {
            let netuid = netuid_from_js(&netuid)?;
            Ok(subnet_pool_to_js(&reader.subnet_pool(&at, netuid).await?))
        })
    }

    /// Every subnet, in netuid order, with its pool, spot price and symbol.
    #[wasm_bindgen(unchecked_return_type = "Promise<SubnetSummary[]>")]
    pub fn subnets(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] at: Option<JsValue>,
    ) -> Promise {
        self.read(at.unwrap_or_default(), move |reader, at| async move {
            let subnets = reader.subnets(&at).await?;
            Ok(subnets.iter().map(subnet_to_js).collect::<Array>().into())
        })
    }

    /// The chain's own quote for staking `tao` rao (fee included) on `netuid`
    /// (`SwapRuntimeApi::sim_swap_tao_for_alpha`, run by the light client).
    #[wasm_bindgen(js_name = simSwapTaoForAlpha, unchecked_return_type = "Promise<SimSwapResult>")]
    pub fn sim_swap_tao_for_alpha(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] netuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "bigint")] tao: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] at: Option<JsValue>,
    ) -> Promise {
        self.read(at.unwrap_or_default(), move |reader, at| async move {
            let netuid = netuid_from_js(&netuid)?;
            let tao = u64_from_js(&tao, "tao")?;
            Ok(sim_swap_to_js(
                &reader.sim_swap_tao_for_alpha(&at, netuid, tao).await?,
            ))
        })
    }

    /// The chain's own quote for unstaking `alpha` rao (fee included) on `netuid`.
    #[wasm_bindgen(js_name = simSwapAlphaForTao, unchecked_return_type = "Promise<SimSwapResult>")]
    pub fn sim_swap_alpha_for_tao(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] netuid: JsValue,
        #[wasm_bindgen(unchecked_param_type = "bigint")] alpha: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] at: Option<JsValue>,
    ) -> Promise {
        self.read(at.unwrap_or_default(), move |reader, at| async move {
            let netuid = netuid_from_js(&netuid)?;
            let alpha = u64_from_js(&alpha, "alpha")?;
            Ok(sim_swap_to_js(
                &reader.sim_swap_alpha_for_tao(&at, netuid, alpha).await?,
            ))
        })
    }

    /// `SwapRuntimeApi::current_alpha_price(netuid)`: rao per alpha, floored.
    #[wasm_bindgen(js_name = currentAlphaPrice, unchecked_return_type = "Promise<bigint>")]
    pub fn current_alpha_price(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] netuid: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] at: Option<JsValue>,
    ) -> Promise {
        self.read(at.unwrap_or_default(), move |reader, at| async move {
            let netuid = netuid_from_js(&netuid)?;
            Ok(reader.current_alpha_price(&at, netuid).await?.into())
        })
    }

    /// The raw value at storage `key` in block `at`, proven against its state root, or
    /// `undefined` if absent.
    #[wasm_bindgen(unchecked_return_type = "Promise<Uint8Array | undefined>")]
    pub fn storage(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] at: JsValue,
        key: Uint8Array,
    ) -> Promise {
        let reader = self.reader.clone();
        let key = key.to_vec();
        promise(async move {
            let at = block_hash_from_js(&at, "at")?;
            let mut values = reader.source().storage(&at, &[key]).await?;
            Ok(match values.pop().flatten() {
                Some(v) => Uint8Array::from(&v[..]).into(),
                None => JsValue::UNDEFINED,
            })
        })
    }

    /// Exports the database (for `options.database` or a storage of your own); also hands it
    /// to `options.storage` when the client knows a finalized block.
    #[wasm_bindgen(js_name = saveDatabase, unchecked_return_type = "Promise<Uint8Array>")]
    pub fn save_database(&self) -> Promise {
        let reader = self.reader.clone();
        let persist = self.persist.clone();
        promise(async move {
            let client = reader.source();
            match persist {
                Some(p) => match p.save(client).await? {
                    Some(bytes) => Ok(bytes.into()),
                    None => Ok(export(client, p.max_bytes).await?.into()),
                },
                None => Ok(export(client, DEFAULT_MAX_DATABASE_BYTES).await?.into()),
            }
        })
    }

    /// Saves the database to `options.storage` (if any, and once a block is finalized), then
    /// stops the client; pending and later calls reject with `Stopped`. A failing save rejects
    /// after the client has stopped.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn stop(&self) -> Promise {
        let reader = self.reader.clone();
        let persist = self.persist.clone();
        promise(async move {
            let client = reader.source();
            let saved = match &persist {
                Some(p) if !p.stopped.get() => {
                    p.stopped.set(true);
                    p.clear_timer();
                    p.save(client).await.map(|_| ())
                }
                _ => Ok(()),
            };
            client.stop();
            saved.map(|()| JsValue::UNDEFINED)
        })
    }
}

/// Status snapshots of a [`JsLightClient`] as a JS async iterator
/// (`for await (const s of client.statusEvents())`).
#[wasm_bindgen]
pub struct StatusEvents {
    stream: Rc<RefCell<Option<StatusStream>>>,
    ended: Rc<Cell<bool>>,
}

impl StatusEvents {
    /// The iterator as a JS object; its class is made async-iterable on the way
    /// (`[Symbol.asyncIterator]` = `Object.prototype.valueOf`, which returns `this`: no
    /// `eval`, so it works under an extension's content security policy).
    fn into_js(stream: StatusStream) -> JsValue {
        let value = JsValue::from(StatusEvents {
            stream: Rc::new(RefCell::new(Some(stream))),
            ended: Rc::new(Cell::new(false)),
        });
        make_async_iterable(&value);
        value
    }
}

/// Makes instances of `value`'s class async-iterable: `[Symbol.asyncIterator]` =
/// `Object.prototype.valueOf` on its prototype (returns `this`, whose `next()` the class has; no
/// `eval`, so it works under an extension's content security policy). Done once per class.
pub(crate) fn make_async_iterable(value: &JsValue) {
    let prototype = Object::get_prototype_of(value);
    let symbol = js_sys::Symbol::async_iterator();
    if !Reflect::has(&prototype, &symbol).unwrap_or(true) {
        let value_of = Reflect::get(&Object::new(), &"valueOf".into()).unwrap_or_default();
        let _ = Reflect::set(&prototype, &symbol, &value_of);
    }
}

/// `{ value, done }`.
fn iter_result(value: JsValue, done: bool) -> JsValue {
    object(&[("value", value), ("done", done.into())])
}

#[wasm_bindgen]
impl StatusEvents {
    /// The next status (`done` once the client has stopped or `return()` was called).
    #[wasm_bindgen(unchecked_return_type = "Promise<IteratorResult<SyncStatus, undefined>>")]
    pub fn next(&self) -> Promise {
        let cell = self.stream.clone();
        let ended = self.ended.clone();
        promise(async move {
            if ended.get() {
                return Ok(iter_result(JsValue::UNDEFINED, true));
            }
            // Taken out while waiting: a second `next()` before the first resolves is refused.
            let Some(mut stream) = cell.borrow_mut().take() else {
                return Err(Error {
                    code: "Busy",
                    message: "next() called while another next() is pending".to_owned(),
                });
            };
            let item = stream.next().await;
            match item {
                Some(s) if !ended.get() => {
                    *cell.borrow_mut() = Some(stream);
                    Ok(iter_result(status_to_js(&s), false))
                }
                _ => {
                    ended.set(true);
                    Ok(iter_result(JsValue::UNDEFINED, true))
                }
            }
        })
    }

    /// Ends the iteration (what `break` in `for await` calls).
    #[wasm_bindgen(
        js_name = "return",
        unchecked_return_type = "Promise<IteratorResult<SyncStatus, undefined>>"
    )]
    pub fn finish(&self) -> Promise {
        self.ended.set(true);
        self.stream.borrow_mut().take();
        Promise::resolve(&iter_result(JsValue::UNDEFINED, true))
    }
}
