//! `stake-vectors`: evaluates `taolight_core::stake` on cases read from stdin, one per line,
//! for the differential test against the independent Python reference
//! (tests/reference/test_stake_differential.py).
//!
//! Protocol: each input line is an operation name followed by decimal integers separated by
//! spaces; each output line is `ok <integers…>` or `err <StakeError variant>`. A pool is
//! given as five integers `y x w2 fee mechanism`.
//!
//! | op | arguments | output |
//! |---|---|---|
//! | `pow` | `bn bd en ed precision` (bn, bd u128) | `ok <v>`, `ok none`, `ok big` |
//! | `price` | pool | `ok <bits> <rao>` |
//! | `swap` | pool `dir amount limit drop min_reserve simulate` (dir 0 = buy) | `ok d out fee author` |
//! | `maxadd`, `maxrem` | pool `limit min_reserve` | `ok <amount>` |
//! | `simbuy`, `simsell` | pool `amount` | `ok` + the six `SimSwapResult` fields |
//! | `remove` | pool `alpha limit` | `ok user_tao alpha_in fee author_tao new_y new_x` |
//! | `move` | pool pool `limit` | `ok <amount>` |

use std::io::{self, BufRead, BufWriter, Write};

use taolight_core::stake::power::{ScaledPower, pow_ratio_scaled};
use taolight_core::stake::{Pool, StakeError, SwapDirection, SwapParams, max_amount_move};

fn pool(v: &[u128]) -> Result<Pool, StakeError> {
    let n = |i: usize| v.get(i).copied().unwrap_or(0);
    Pool::new(
        n(0) as u64,
        n(1) as u64,
        n(2) as u64,
        n(3) as u16,
        n(4) as u16,
    )
}

fn eval(op: &str, a: &[u128]) -> Result<Vec<String>, StakeError> {
    let n = |i: usize| a.get(i).copied().unwrap_or(0) as u64;
    let join = |v: &[u64]| v.iter().map(u64::to_string).collect::<Vec<_>>();
    match op {
        "pow" => {
            let r = pow_ratio_scaled(
                a.first().copied().unwrap_or(0),
                a.get(1).copied().unwrap_or(0),
                n(2),
                n(3),
                n(4) as u32,
            );
            Ok(vec![match r {
                ScaledPower::Value(v) => v.to_string(),
                ScaledPower::Undefined => "none".into(),
                ScaledPower::AboveU64 => "big".into(),
            }])
        }
        "price" => {
            let p = pool(a)?;
            Ok(vec![
                p.price_bits().to_string(),
                p.current_alpha_price().to_string(),
            ])
        }
        "swap" => {
            let p = pool(a)?;
            let dir = if n(5) == 0 {
                SwapDirection::Buy
            } else {
                SwapDirection::Sell
            };
            let params = SwapParams {
                minimum_reserve: n(9),
                simulate: n(10) != 0,
            };
            let r = p.swap_with(dir, n(6), n(7), n(8) != 0, params)?;
            Ok(join(&[
                r.amount_paid_in,
                r.amount_paid_out,
                r.fee_paid,
                r.fee_to_block_author,
            ]))
        }
        "maxadd" => Ok(join(&[pool(a)?.max_amount_add_with(n(5), n(6))?])),
        "maxrem" => Ok(join(&[pool(a)?.max_amount_remove_with(n(5), n(6))?])),
        "simbuy" | "simsell" => {
            let p = pool(a)?;
            let s = if op == "simbuy" {
                p.sim_swap_tao_for_alpha(n(5))
            } else {
                p.sim_swap_alpha_for_tao(n(5))
            };
            Ok(join(&[
                s.tao_amount,
                s.alpha_amount,
                s.tao_fee,
                s.alpha_fee,
                s.tao_slippage,
                s.alpha_slippage,
            ]))
        }
        "remove" => {
            let mut p = pool(a)?;
            let o = p.unstake(n(5), n(6), false)?;
            Ok(join(&[
                o.swap.amount_paid_out,
                o.swap.amount_paid_in,
                o.swap.fee_paid,
                o.author_tao,
                p.tao_reserve,
                p.alpha_reserve,
            ]))
        }
        "move" => {
            let origin = pool(a)?;
            let destination = pool(a.get(5..).unwrap_or(&[]))?;
            Ok(join(&[max_amount_move(&origin, &destination, n(10))?]))
        }
        _ => Ok(vec!["unknown-op".into()]),
    }
}

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let mut parts = line.split_whitespace();
        let Some(op) = parts.next() else { continue };
        let args: Result<Vec<u128>, _> = parts.map(str::parse::<u128>).collect();
        let reply = match args {
            Err(_) => "err BadInput".to_string(),
            Ok(args) => match eval(op, &args) {
                Ok(v) => format!("ok {}", v.join(" ")),
                Err(e) => format!("err {e:?}"),
            },
        };
        writeln!(out, "{reply}")?;
    }
    out.flush()
}
