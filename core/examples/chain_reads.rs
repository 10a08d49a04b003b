//! Times the typed reads of `core::chain::ChainReader` through the light client, and the same
//! reads over a node's HTTP RPC for comparison, at the client's finalized block. Prints one JSON
//! line (milliseconds). Used for BENCHMARKS.md ("Typed reads"); the devnet tests check values.
//!
//! ```sh
//! cargo run --release -p taolight-core --example chain_reads -- \
//!   chain-specs/devnet-plain.json /ip4/127.0.0.1/tcp/30333/p2p/12D3Koo... 127.0.0.1:9944 [QUOTES]
//! ```
//!
//! `QUOTES` (default 100): number of `sim_swap_tao_for_alpha` calls on subnet 1 to time.

use std::{
    io::{Read as _, Write as _},
    net::TcpStream,
    process::ExitCode,
    time::Instant,
};

use futures_executor::block_on;
use serde_json::{Value, json};
use taolight_core::{
    chain::{ChainError, ChainReader, ChainSpec, LightClient, LightClientConfig, NodeRpcState},
    keys::{CryptoType, Keypair},
};

fn main() -> ExitCode {
    match run() {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<Value, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec_path, bootnode, rpc_addr, rest @ ..] = args.as_slice() else {
        return Err("usage: chain_reads SPEC.json BOOTNODE HOST:PORT [QUOTES]".into());
    };
    let quotes: u64 = match rest.first() {
        Some(q) => q.parse().map_err(|e| format!("QUOTES: {e}"))?,
        None => 100,
    };
    let text = std::fs::read_to_string(spec_path).map_err(|e| format!("{spec_path}: {e}"))?;
    let mut spec = ChainSpec::from_json(&text).map_err(|e| e.to_string())?;
    spec.set_bootnodes([bootnode.as_str()])
        .map_err(|e| e.to_string())?;
    let alice = *Keypair::from_uri("//Alice", CryptoType::Sr25519)
        .map_err(|e| e.to_string())?
        .public()
        .as_bytes();

    let client = LightClient::start(LightClientConfig::new(spec)).map_err(|e| e.to_string())?;
    block_on(client.wait_ready()).map_err(|e| e.to_string())?;
    let at = block_on(client.finalized_head())
        .map_err(|e| e.to_string())?
        .hash;
    let light = ChainReader::new(client.clone());
    let addr = rpc_addr.clone();
    let node = ChainReader::new(NodeRpcState::new(move |m: &str, p: Value| {
        http_json_rpc(&addr, m, p)
    }));

    let light_ms = time_reads(&light, &at, &alice, quotes).map_err(|e| e.to_string())?;
    let node_ms = time_reads(&node, &at, &alice, quotes).map_err(|e| e.to_string())?;
    client.stop();
    Ok(json!({ "quotes": quotes, "light_client": light_ms, "node_rpc": node_ms }))
}

/// Milliseconds per read kind (the first metadata read is cold: fetch + decode).
fn time_reads<S: taolight_core::chain::StateSource>(
    reader: &ChainReader<S>,
    at: &[u8; 32],
    alice: &[u8; 32],
    quotes: u64,
) -> Result<Value, ChainError> {
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    block_on(reader.metadata(at))?;
    let metadata = ms(t);
    let t = Instant::now();
    block_on(reader.account(at, alice))?;
    let account = ms(t);
    let t = Instant::now();
    let positions = block_on(reader.stake_positions(at, alice))?.len();
    let stake_positions = ms(t);
    let t = Instant::now();
    let subnets = block_on(reader.subnets(at))?.len();
    let subnets_ms = ms(t);
    let t = Instant::now();
    for i in 0..quotes {
        block_on(reader.sim_swap_tao_for_alpha(at, 1, 1_000_000_000 + i))?;
    }
    let per_quote = ms(t) / quotes.max(1) as f64;
    Ok(json!({
        "metadata_cold": metadata,
        "account": account,
        "stake_positions": stake_positions,
        "positions": positions,
        "subnets": subnets_ms,
        "subnet_count": subnets,
        "sim_swap_each": per_quote,
    }))
}

/// One JSON-RPC call over HTTP/1.1 (`Connection: close`), `Content-Length` bodies only.
fn http_json_rpc(addr: &str, method: &str, params: Value) -> Result<Value, ChainError> {
    let io = |e: std::io::Error| ChainError::Rpc {
        method: method.to_owned(),
        code: 0,
        message: format!("{addr}: {e}"),
    };
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
    let mut stream = TcpStream::connect(addr).map_err(io)?;
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(io)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(io)?;
    let text = String::from_utf8_lossy(&response);
    let (_, payload) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| ChainError::MalformedRpc("HTTP response without body".into()))?;
    let v: Value = serde_json::from_str(payload)
        .map_err(|e| ChainError::MalformedRpc(format!("{method}: {e}")))?;
    if let Some(err) = v.get("error") {
        return Err(ChainError::Rpc {
            method: method.to_owned(),
            code: err.get("code").and_then(Value::as_i64).unwrap_or(0),
            message: err.to_string(),
        });
    }
    Ok(v.get("result").cloned().unwrap_or(Value::Null))
}
