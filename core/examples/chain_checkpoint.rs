//! Produces a taolight checkpoint (JSON on stdout) from a trusted node's HTTP JSON-RPC.
//!
//! ```sh
//! cargo run -p taolight-core --features chain --example chain_checkpoint -- http://127.0.0.1:9944 [SET_ID_OFFSET]
//! ```
//!
//! `SET_ID_OFFSET` (default 0) is only used when the node does not serve `grandpa_roundState`:
//! the GRANDPA set id is then the runtime's plus this offset (3 on Finney, 2 on testnet).
//! Only plain `http://host:port` is supported (no TLS): run it next to the node you trust.

use std::{
    io::{Read as _, Write as _},
    net::TcpStream,
    process::ExitCode,
};

use serde_json::{Value, json};
use taolight_core::chain::{ChainError, checkpoint_from_node};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(url) = args.next() else {
        eprintln!("usage: chain_checkpoint http://HOST:PORT [SET_ID_OFFSET]");
        return ExitCode::from(2);
    };
    let offset = match args.next().map(|s| s.parse::<u64>()) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("bad SET_ID_OFFSET: {e}");
            return ExitCode::from(2);
        }
    };
    let Some(addr) = url
        .strip_prefix("http://")
        .map(|a| a.trim_end_matches('/').to_owned())
    else {
        eprintln!("only http:// URLs are supported");
        return ExitCode::from(2);
    };
    let mut id = 0u64;
    let rpc = |method: &str, params: Value| -> Result<Value, ChainError> {
        id += 1;
        call(&addr, id, method, params)
    };
    match checkpoint_from_node(rpc, offset) {
        Ok(cp) => {
            println!("{}", cp.to_json());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One JSON-RPC call over HTTP/1.1 (`Connection: close`).
fn call(addr: &str, id: u64, method: &str, params: Value) -> Result<Value, ChainError> {
    let io = |e: std::io::Error| ChainError::Rpc {
        method: method.to_owned(),
        code: 0,
        message: format!("{addr}: {e}"),
    };
    let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string();
    let mut stream = TcpStream::connect(addr).map_err(io)?;
    write!(
        stream,
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(io)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(io)?;
    let text = String::from_utf8_lossy(&response);
    let (head, payload) = text
        .split_once("\r\n\r\n")
        .ok_or_else(|| ChainError::MalformedRpc("HTTP response without body".into()))?;
    let payload = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(payload)?
    } else {
        payload.to_owned()
    };
    let v: Value = serde_json::from_str(&payload)
        .map_err(|e| ChainError::MalformedRpc(format!("{method}: {e}")))?;
    if let Some(err) = v.get("error") {
        return Err(ChainError::Rpc {
            method: method.to_owned(),
            code: err.get("code").and_then(Value::as_i64).unwrap_or(0),
            message: err
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
        });
    }
    Ok(v.get("result").cloned().unwrap_or(Value::Null))
}

/// Decodes an HTTP/1.1 chunked body.
fn dechunk(mut s: &str) -> Result<String, ChainError> {
    let mut out = String::new();
    loop {
        let (size, rest) = s
            .split_once("\r\n")
            .ok_or_else(|| ChainError::MalformedRpc("bad chunk".into()))?;
        let n = usize::from_str_radix(size.trim(), 16)
            .map_err(|_| ChainError::MalformedRpc("bad chunk size".into()))?;
        if n == 0 {
            return Ok(out);
        }
        out.push_str(
            rest.get(..n)
                .ok_or_else(|| ChainError::MalformedRpc("short chunk".into()))?,
        );
        s = rest.get(n + 2..).unwrap_or("");
    }
}
