//! Shared by the devnet end-to-end tests (`core/tests/chain_devnet_*.rs`; include it with
//! `mod chain_devnet;`): the running node described by `scripts/devnet.sh`'s `state.env`
//! (path in `TAOLIGHT_DEVNET_STATE`), its HTTP JSON-RPC as the oracle, the committed chain spec
//! pointed at that node, storage-key hashing done here (not by the node), and a hang guard.
//!
//! The tests using it are `#[ignore]`d: `scripts/test.d/61-lightclient.sh` starts a node and
//! runs them with `--ignored`.
#![allow(dead_code)]

use std::{
    io::{Read as _, Write as _},
    net::TcpStream,
    path::{Path, PathBuf},
    sync::mpsc,
    thread,
    time::Duration,
};

use serde_json::{Value, json};
use taolight_core::chain::ChainSpec;

/// The reason every devnet test is ignored by default.
pub const NEEDS_DEVNET: &str = "needs a running devnet (scripts/test.d/61-lightclient.sh)";

/// The node that `scripts/devnet.sh start` is running (one `state.env`).
#[derive(Debug, Clone)]
pub struct Devnet {
    /// The `state.env` file this was read from.
    pub state_file: PathBuf,
    /// Node process id.
    pub pid: u32,
    /// Chain name given to `--chain` (`devnet` or `devnet-plain`): also the spec's file name.
    pub chain: String,
    /// `host:port` of the node's HTTP JSON-RPC.
    pub rpc_addr: String,
    /// The node's libp2p TCP address (with `/p2p/<peer id>`).
    pub p2p_tcp: String,
    /// The node's libp2p WebSocket address (with `/p2p/<peer id>`).
    pub p2p_ws: String,
}

impl Devnet {
    /// Reads the state file named by `TAOLIGHT_DEVNET_STATE`.
    pub fn from_env() -> Devnet {
        let path = std::env::var_os("TAOLIGHT_DEVNET_STATE").unwrap_or_else(|| {
            panic!("set TAOLIGHT_DEVNET_STATE to a running devnet's state.env ({NEEDS_DEVNET})")
        });
        Devnet::from_file(Path::new(&path))
    }

    /// Reads a `state.env` file (`KEY=value` lines).
    pub fn from_file(path: &Path) -> Devnet {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{}: {e} ({NEEDS_DEVNET})", path.display()));
        let get = |key: &str| -> String {
            text.lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
                .unwrap_or_else(|| panic!("{}: no {key}", path.display()))
                .to_owned()
        };
        let http = get("RPC_HTTP");
        Devnet {
            state_file: path.to_owned(),
            pid: get("PID").parse().expect("PID is a number"),
            chain: get("CHAIN"),
            rpc_addr: http
                .strip_prefix("http://")
                .expect("RPC_HTTP is http://host:port")
                .trim_end_matches('/')
                .to_owned(),
            p2p_tcp: get("P2P_TCP_ADDR"),
            p2p_ws: get("P2P_WS_ADDR"),
        }
    }

    /// The committed raw spec of this chain (`chain-specs/<chain>.json`), unmodified.
    pub fn spec_text(&self) -> String {
        let path = format!(
            "{}/../chain-specs/{}.json",
            std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
            self.chain
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// The chain spec with its bootnodes replaced by this node's TCP address.
    pub fn spec(&self) -> ChainSpec {
        let mut spec = ChainSpec::from_json(&self.spec_text()).expect("committed spec parses");
        spec.set_bootnodes([self.p2p_tcp.as_str()])
            .expect("state.env's address is a multiaddr");
        spec
    }

    /// One JSON-RPC call to the node over HTTP; `Err` carries the node's error or an I/O error.
    pub fn try_rpc(&self, method: &str, params: Value) -> Result<Value, String> {
        http_json_rpc(&self.rpc_addr, method, params)
    }

    /// One JSON-RPC call that must succeed.
    pub fn rpc(&self, method: &str, params: Value) -> Value {
        self.try_rpc(method, params)
            .unwrap_or_else(|e| panic!("node {method}: {e}"))
    }

    /// Hash of block `number` on the node's canonical chain, if it has one.
    pub fn block_hash(&self, number: u64) -> Option<[u8; 32]> {
        self.rpc("chain_getBlockHash", json!([number]))
            .as_str()
            .map(parse_hash)
    }

    /// The node's finalized block (number, hash).
    pub fn finalized(&self) -> (u64, [u8; 32]) {
        let hash = self.rpc("chain_getFinalizedHead", json!([]));
        let header = self.rpc("chain_getHeader", json!([hash]));
        let number = header["number"].as_str().expect("header number");
        (
            u64::from_str_radix(number.trim_start_matches("0x"), 16).expect("hex number"),
            parse_hash(hash.as_str().expect("hash string")),
        )
    }

    /// `state_getStorage(key, at)`: the node's raw value.
    pub fn storage(&self, key: &[u8], at: &[u8; 32]) -> Option<Vec<u8>> {
        let v = self.rpc("state_getStorage", json!([to_hex(key), to_hex(at)]));
        v.as_str().map(parse_hex)
    }

    /// `state_call(function, params, at)`: the node's SCALE output.
    pub fn state_call(&self, function: &str, params: &[u8], at: &[u8; 32]) -> Vec<u8> {
        let v = self.rpc("state_call", json!([function, to_hex(params), to_hex(at)]));
        parse_hex(v.as_str().expect("state_call output is a string"))
    }
}

/// One JSON-RPC call over HTTP/1.1 (`Connection: close`) to `host:port`.
pub fn http_json_rpc(addr: &str, method: &str, params: Value) -> Result<Value, String> {
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| format!("{addr}: {e}"))?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| format!("{addr}: {e}"))?;
    let text = String::from_utf8(response).map_err(|e| e.to_string())?;
    let (head, payload) = text
        .split_once("\r\n\r\n")
        .ok_or("HTTP response without body")?;
    let payload = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(payload)?
    } else {
        payload.to_owned()
    };
    let v: Value = serde_json::from_str(&payload).map_err(|e| format!("{method}: {e}"))?;
    match v.get("error") {
        Some(err) => Err(format!("{method}: {err}")),
        None => Ok(v.get("result").cloned().unwrap_or(Value::Null)),
    }
}

fn dechunk(mut s: &str) -> Result<String, String> {
    let mut out = String::new();
    loop {
        let (size, rest) = s.split_once("\r\n").ok_or("bad chunk")?;
        let n = usize::from_str_radix(size.trim(), 16).map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(out);
        }
        out.push_str(rest.get(..n).ok_or("short chunk")?);
        s = rest.get(n + 2..).unwrap_or("");
    }
}

/// `0x`-hex.
pub fn to_hex(bytes: &[u8]) -> String {
    format!("0x{}", hex::encode(bytes))
}

/// Parses `0x`-hex (panics: node output is expected to be well-formed).
pub fn parse_hex(s: &str) -> Vec<u8> {
    hex::decode(s.strip_prefix("0x").expect("0x prefix")).expect("hex")
}

/// Parses a `0x`-hex 32-byte hash.
pub fn parse_hash(s: &str) -> [u8; 32] {
    parse_hex(s).try_into().expect("32-byte hash")
}

/// Substrate's `twox_128`: two xxHash64 (seeds 0 and 1), little-endian.
pub fn twox128(data: &[u8]) -> [u8; 16] {
    let mut out = [0; 16];
    for seed in 0..2u64 {
        let h = twox_hash::XxHash64::oneshot(seed, data);
        out[seed as usize * 8..][..8].copy_from_slice(&h.to_le_bytes());
    }
    out
}

/// Substrate's `Blake2_128Concat` hasher: blake2b-128 of the key, then the key.
pub fn blake2_128_concat(key: &[u8]) -> Vec<u8> {
    use blake2::{Blake2b, Digest as _, digest::consts::U16};
    let mut out = Blake2b::<U16>::digest(key).to_vec();
    out.extend_from_slice(key);
    out
}

/// `twox128(pallet) ‖ twox128(item)`: the prefix of every key of a storage item.
pub fn storage_prefix(pallet: &str, item: &str) -> Vec<u8> {
    let mut key = twox128(pallet.as_bytes()).to_vec();
    key.extend_from_slice(&twox128(item.as_bytes()));
    key
}

/// Public key of a development account (`//Alice`, `//Hotkey1`, ...), sr25519.
pub fn dev_account(uri: &str) -> [u8; 32] {
    use taolight_core::keys::{CryptoType, Keypair};
    *Keypair::from_uri(uri, CryptoType::Sr25519)
        .expect("dev URI")
        .public()
        .as_bytes()
}

/// Runs `f` on a thread and fails (instead of hanging) if it has not finished in `limit`. A hang
/// guard only: no test asserts a duration.
pub fn with_watchdog<T: Send + 'static>(
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    let worker = thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(limit) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The closure panicked: re-raise its panic message.
            match worker.join() {
                Err(p) => std::panic::resume_unwind(p),
                Ok(()) => unreachable!("sent nothing but returned"),
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("watchdog: nothing happened within {limit:?} (hang guard, not a timing test)")
        }
    }
}
