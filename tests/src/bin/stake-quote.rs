//! `stake-quote`: `taolight_core::stake` as a JSON-lines oracle for the devnet end-to-end
//! test (`tests/devnet/stake.test.mjs`), which compares the chain's results with it.
//!
//! One JSON request per stdin line, one JSON answer per stdout line. Integers may be JSON
//! numbers or decimal strings (u64 does not fit a JS number); answers use strings.
//!
//! - `{"op":"stake","pool":P,"tao":n,"limit":n|null,"allow_partial":b}`: `add_stake` /
//!   `add_stake_limit` → `{"ok":{"tao_spent","alpha","fee","author_tao","pool":P'}}`
//! - `{"op":"unstake","pool":P,"alpha":n,"limit":n|null,"allow_partial":b,"full":b}`:
//!   `remove_stake` / `remove_stake_limit` → `{"ok":{"tao","alpha_spent","fee","author_tao","pool":P'}}`
//! - `{"op":"move","origin":P,"destination":P,"alpha":n,"origin_is_root":b}` → both legs
//! - `{"op":"max_move","origin":P,"destination":P,"limit":n}` → `{"ok":{"max"}}`
//! - `{"op":"position","value":n,"denominator":F,"share":F,"deposit":n}` (or `"withdraw"`) →
//!   `{"ok":{"value","denominator":F,"share":F,"position_value"}}` with `F = {"mantissa","exponent"}` or `{"bits"}` (v1 U64F64)
//!
//! where `P = {"tao_reserve","alpha_reserve","quote_weight","fee_rate","mechanism"}`.
//! Errors: `{"err":"<StakeError variant>"}`.
use serde_json::{Value, json};
use std::io::{BufRead, Write};
use taolight_core::stake::{Pool, SafeFloat, SharePool, StakeError, max_amount_move, move_stake};

fn int(v: &Value) -> Result<u128, String> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .map(u128::from)
            .ok_or_else(|| format!("not a u64: {n}")),
        Value::String(s) => s
            .parse::<u128>()
            .map_err(|e| format!("bad integer {s:?}: {e}")),
        other => Err(format!("expected an integer, got {other}")),
    }
}

fn u64f(v: &Value, key: &str) -> Result<u64, String> {
    u64::try_from(int(&v[key])?).map_err(|_| format!("{key} does not fit u64"))
}

fn opt_u64(v: &Value, key: &str) -> Result<Option<u64>, String> {
    if v[key].is_null() {
        Ok(None)
    } else {
        u64f(v, key).map(Some)
    }
}

fn pool(v: &Value) -> Result<Pool, String> {
    Ok(Pool {
        tao_reserve: u64f(v, "tao_reserve")?,
        alpha_reserve: u64f(v, "alpha_reserve")?,
        quote_weight: u64f(v, "quote_weight")?,
        fee_rate: u16::try_from(u64f(v, "fee_rate")?).map_err(|_| "fee_rate")?,
        mechanism: u16::try_from(u64f(v, "mechanism")?).map_err(|_| "mechanism")?,
    })
}

fn pool_json(p: &Pool) -> Value {
    json!({
        "tao_reserve": p.tao_reserve.to_string(),
        "alpha_reserve": p.alpha_reserve.to_string(),
        "quote_weight": p.quote_weight.to_string(),
        "fee_rate": p.fee_rate,
        "mechanism": p.mechanism,
    })
}

fn float(v: &Value) -> Result<SafeFloat, String> {
    if !v["bits"].is_null() {
        // A v1 U64F64 value (raw bits), converted as the chain does.
        return Ok(SafeFloat::from_u64f64_bits(int(&v["bits"])?));
    }
    let exponent = match &v["exponent"] {
        Value::Number(n) => n.as_i64().ok_or("exponent")?,
        Value::String(s) => s.parse().map_err(|_| "exponent")?,
        _ => 0,
    };
    Ok(SafeFloat {
        mantissa: int(&v["mantissa"])?,
        exponent,
    })
}

fn float_json(f: &SafeFloat) -> Value {
    json!({ "mantissa": f.mantissa.to_string(), "exponent": f.exponent })
}

fn err(e: StakeError) -> Value {
    json!({ "err": format!("{e:?}") })
}

fn handle(req: &Value) -> Result<Value, String> {
    let b = |k: &str| req[k].as_bool().unwrap_or(false);
    match req["op"].as_str().unwrap_or("") {
        "stake" => {
            let mut p = pool(&req["pool"])?;
            let tao = u64f(req, "tao")?;
            let r = match opt_u64(req, "limit")? {
                None => p.add_stake(tao),
                Some(l) => p.add_stake_limit(tao, l, b("allow_partial")),
            };
            Ok(match r {
                Ok(o) => json!({"ok": {
                    "tao_spent": o.tao_spent.to_string(),
                    "alpha": o.swap.amount_paid_out.to_string(),
                    "fee": o.swap.fee_paid.to_string(),
                    "author_tao": o.author_tao.to_string(),
                    "pool": pool_json(&p),
                }}),
                Err(e) => err(e),
            })
        }
        "unstake" => {
            let mut p = pool(&req["pool"])?;
            let alpha = u64f(req, "alpha")?;
            let r = match opt_u64(req, "limit")? {
                None => p.remove_stake(alpha, b("full")),
                Some(l) => p.remove_stake_limit(alpha, l, b("allow_partial"), b("full")),
            };
            Ok(match r {
                Ok(o) => json!({"ok": {
                    "tao": o.swap.amount_paid_out.to_string(),
                    "alpha_spent": o.alpha_spent.to_string(),
                    "fee": o.swap.fee_paid.to_string(),
                    "author_tao": o.author_tao.to_string(),
                    "pool": pool_json(&p),
                }}),
                Err(e) => err(e),
            })
        }
        "move" => {
            let mut o = pool(&req["origin"])?;
            let mut d = pool(&req["destination"])?;
            Ok(
                match move_stake(&mut o, &mut d, u64f(req, "alpha")?, b("origin_is_root")) {
                    Ok(m) => json!({"ok": {
                        "tao": m.unstake.swap.amount_paid_out.to_string(),
                        "alpha_spent": m.unstake.alpha_spent.to_string(),
                        "unstake_fee": m.unstake.swap.fee_paid.to_string(),
                        "alpha": m.stake.map(|s| s.swap.amount_paid_out).unwrap_or(0).to_string(),
                        "stake_fee": m.stake.map(|s| s.swap.fee_paid).unwrap_or(0).to_string(),
                        "origin": pool_json(&o),
                        "destination": pool_json(&d),
                    }}),
                    Err(e) => err(e),
                },
            )
        }
        "max_move" => {
            let o = pool(&req["origin"])?;
            let d = pool(&req["destination"])?;
            Ok(match max_amount_move(&o, &d, u64f(req, "limit")?) {
                Ok(m) => json!({"ok": {"max": m.to_string()}}),
                Err(e) => err(e),
            })
        }
        "position" => {
            let mut sp = SharePool {
                value: u64f(req, "value")?,
                denominator: float(&req["denominator"])?,
            };
            let mut share = float(&req["share"])?;
            if !req["deposit"].is_null() {
                sp.deposit(&mut share, u64f(req, "deposit")?);
            } else if !req["withdraw"].is_null() {
                sp.withdraw(&mut share, u64f(req, "withdraw")?);
            }
            Ok(json!({"ok": {
                "value": sp.value.to_string(),
                "denominator": float_json(&sp.denominator),
                "share": float_json(&share),
                "position_value": sp.value_of(&share).to_string(),
            }}))
        }
        other => Err(format!("unknown op {other:?}")),
    }
}

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let answer = serde_json::from_str::<Value>(&line)
            .map_err(|e| format!("bad JSON: {e}"))
            .and_then(|req| handle(&req))
            .unwrap_or_else(|e| json!({ "error": e }));
        if writeln!(out, "{answer}").and_then(|_| out.flush()).is_err() {
            break;
        }
    }
}
