"""Differential test: taolight_core::stake (Rust, via the stake_vectors example) against the
independent Python reference stake_reference.py on seeded random pools and amounts.

Environment: STAKE_DIFF_SEED (default 20261122), STAKE_DIFF_CASES (default 10000),
STAKE_VECTORS_BIN (default $CARGO_TARGET_DIR/debug/examples/stake_vectors, built if missing).
"""

from __future__ import annotations

import collections
import os
import random
import subprocess
from pathlib import Path

import pytest

import stake_reference as ref

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("STAKE_DIFF_SEED", "20261122"))
CASES = int(os.environ.get("STAKE_DIFF_CASES", "10000"))
E18 = ref.PERQUINTILL

# Quote weights whose reduced exponents w2/w1 and w1/w2 (and w1, w2 over 1e18) take the exact
# root path: 0.5, 0.6 (3/2), 0.25 (1/3), 0.75, 0.4, 0.2, 0.8, 0.1, 0.9, 0.125, 0.773.
EXACT_WEIGHTS = [E18 // 2, 6 * E18 // 10, E18 // 4, 3 * E18 // 4, 4 * E18 // 10,
                 2 * E18 // 10, 8 * E18 // 10, E18 // 10, 9 * E18 // 10, E18 // 8,
                 773 * E18 // 1000]


def binary() -> Path:
    target = ROOT / os.environ.get("CARGO_TARGET_DIR", "target")  # absolute paths win
    path = Path(os.environ.get("STAKE_VECTORS_BIN", target / "debug/examples/stake_vectors"))
    if not path.exists():
        subprocess.run(["cargo", "build", "-q", "-p", "taolight-core",
                        "--example", "stake_vectors"], cwd=ROOT, check=True)
    return path


def run_rust(lines: list[str]) -> list[str]:
    out = subprocess.run([str(binary())], input="\n".join(lines) + "\n", capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert len(out) == len(lines)
    return out


def reply(fn):
    try:
        v = fn()
    except ref.StakeRefError as e:
        return f"err {e.name}"
    if not isinstance(v, tuple):
        v = (v,)
    return "ok " + " ".join(str(x) for x in v)


def log_uniform(rng: random.Random, lo: int, hi: int) -> int:
    a, b = lo.bit_length(), hi.bit_length()
    bits = rng.randint(a, b)
    return max(lo, min(hi, rng.getrandbits(bits) | (1 << (bits - 1)) if bits else 0))


def random_weight(rng: random.Random) -> tuple[int, str]:
    r = rng.random()
    if r < 0.35:
        return E18 // 2, "exact"
    if r < 0.55:
        return rng.choice(EXACT_WEIGHTS), "exact"
    lo, hi = E18 // 100, E18 - E18 // 100
    if rng.random() < 0.7:  # near 0.5, like mainnet weights
        w = E18 // 2 + rng.randint(-E18 // 50, E18 // 50)
    else:
        w = rng.randint(lo, hi)
    path = "exact" if ref.exact_path(w, E18 - w) else "fallback"
    return w, path


def random_fee(rng: random.Random) -> int:
    return rng.choice([0, 33, 33, 196, 10_000, rng.randint(0, 10_000), rng.randint(0, 10_000)])


def random_pool(rng: random.Random) -> tuple[ref.Pool, str]:
    w, path = random_weight(rng)
    y = log_uniform(rng, 1_000, 10**17)
    # Keep prices mostly in a realistic band, sometimes anywhere.
    if rng.random() < 0.8:
        x = max(1, y * rng.randint(1, 2_000) // rng.randint(1, 200))
    else:
        x = log_uniform(rng, 1_000, 10**17)
    mech = 1 if rng.random() < 0.95 else 0
    return ref.Pool(min(y, ref.U64_MAX), min(x, ref.U64_MAX), w, random_fee(rng), mech), path


def pool_args(p: ref.Pool) -> str:
    return f"{p.y} {p.x} {p.w2} {p.fee_rate} {p.mechanism}"


def random_limit(rng: random.Random, p: ref.Pool, buy: bool) -> tuple[int, str]:
    spot = p.alpha_price_rao()
    r = rng.random()
    if r < 0.35:
        return (ref.MAX_PRICE_RAO if buy else ref.MIN_PRICE_RAO), "none"
    if r < 0.85:  # within a few percent of spot on the executable side
        bp = rng.randint(1, 800)
        lim = spot * (10_000 + bp) // 10_000 if buy else spot * (10_000 - bp) // 10_000
        return min(max(lim, 0), ref.U64_MAX), "near"
    if r < 0.95:  # wrong side
        bp = rng.randint(0, 500)
        lim = spot * (10_000 - bp) // 10_000 if buy else spot * (10_000 + bp) // 10_000 + 1
        return min(lim, ref.U64_MAX), "wrong"
    return rng.randint(0, ref.U64_MAX), "any"


def random_amount(rng: random.Random, reserve: int) -> int:
    r = rng.random()
    if r < 0.1:
        return rng.randint(0, 5_000)
    if r < 0.9:
        return max(1, reserve * rng.randint(1, 100_000) // rng.randint(1, 1_000_000))
    return log_uniform(rng, 1, ref.U64_MAX)


def build_cases(rng: random.Random, n: int):
    cases = []
    stats = collections.Counter()
    while len(cases) < n:
        p, path = random_pool(rng)
        op = rng.choices(["swap", "swap", "swap", "max", "sim", "remove", "move", "price", "pow"],
                         k=1)[0]
        stats[f"path:{path}"] += 1
        if op == "swap":
            buy = rng.random() < 0.5
            amount = random_amount(rng, p.y if buy else p.x)
            limit, kind = random_limit(rng, p, buy)
            drop = rng.random() < 0.1
            minres = rng.choice([ref.MINIMUM_RESERVE, ref.MINIMUM_RESERVE, 100])
            sim = rng.random() < 0.3
            stats[f"swap:{'buy' if buy else 'sell'}:limit-{kind}"] += 1
            line = (f"swap {pool_args(p)} {0 if buy else 1} {amount} {limit} {int(drop)} "
                    f"{minres} {int(sim)}")
            fn = (lambda p=p, buy=buy, amount=amount, limit=limit, drop=drop, minres=minres,
                  sim=sim: p.swap(buy, amount, limit, drop, minres, sim))
        elif op == "max":
            buy = rng.random() < 0.5
            limit, kind = random_limit(rng, p, buy)
            minres = rng.choice([ref.MINIMUM_RESERVE, 100])
            stats[f"max:{'add' if buy else 'remove'}:limit-{kind}"] += 1
            line = f"{'maxadd' if buy else 'maxrem'} {pool_args(p)} {limit} {minres}"
            fn = lambda p=p, buy=buy, limit=limit, minres=minres: p.max_amount(buy, limit, minres)
        elif op == "sim":
            buy = rng.random() < 0.5
            amount = random_amount(rng, p.y if buy else p.x)
            stats[f"sim:{'buy' if buy else 'sell'}"] += 1
            line = f"{'simbuy' if buy else 'simsell'} {pool_args(p)} {amount}"
            fn = (lambda p=p, amount=amount: p.sim_buy(amount)) if buy else \
                (lambda p=p, amount=amount: p.sim_sell(amount))
        elif op == "remove":
            amount = random_amount(rng, p.x)
            limit, kind = random_limit(rng, p, False)
            stats[f"remove:limit-{kind}"] += 1
            line = f"remove {pool_args(p)} {amount} {limit}"
            fn = lambda p=p, amount=amount, limit=limit: p.remove_stake(amount, limit)
        elif op == "move":
            q, _ = random_pool(rng)
            ratio = ref.fu64(ref.fmul(ref.fdiv(p.price(), q.price()), ref.fx(ref.RAO)))
            limit = rng.choice([0, ratio, ratio + 1, ratio * rng.randint(9_000, 10_000) // 10_000,
                                rng.randint(0, 2 * ratio + 10)])
            limit = min(limit, ref.U64_MAX)  # limits are u64 on chain
            stats["move"] += 1
            line = f"move {pool_args(p)} {pool_args(q)} {limit}"
            fn = lambda p=p, q=q, limit=limit: ref.max_amount_move(p, q, limit)
        elif op == "price":
            stats["price"] += 1
            line = f"price {pool_args(p)}"
            fn = lambda p=p: (p.price(), p.alpha_price_rao())
        else:
            bn = log_uniform(rng, 1, (1 << 127))
            bd = log_uniform(rng, 1, (1 << 127))
            en, ed = p.w2, p.w1
            if rng.random() < 0.5:
                en, ed = p.w1, E18
            precision = rng.choice([256, 1024])
            stats[f"pow:{'exact' if ref.exact_path(en, ed) else 'fallback'}"] += 1
            line = f"pow {bn} {bd} {en} {ed} {precision}"

            def fn(bn=bn, bd=bd, en=en, ed=ed, precision=precision):
                v = ref.pow_ratio_scaled(bn, bd, en, ed, precision, E18)
                return "none" if v is None else ("big" if v > ref.U64_MAX else v)
        cases.append((line, fn))
    return cases, stats


def test_differential_against_python_reference():
    rng = random.Random(SEED)
    cases, stats = build_cases(rng, CASES)
    expected = [reply(fn) for _, fn in cases]
    got = run_rust([line for line, _ in cases])
    outcomes = collections.Counter(
        "error:" + e.split()[1] if e.startswith("err") else "ok" for e in expected)
    partial = sum(1 for (line, _), e in zip(cases, expected)
                  if line.startswith("swap") and e.startswith("ok")
                  and int(e.split()[1]) < int(line.split()[7]) - int(e.split()[3]))
    print(f"\nseed={SEED} cases={len(cases)} partial_fills={partial}")
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}")
    for k, v in sorted(outcomes.items()):
        print(f"  {k}: {v}")
    mismatches = [(line, e, g) for (line, _), e, g in zip(cases, expected, got) if e != g]
    for line, e, g in mismatches[:20]:
        print(f"MISMATCH {line}\n  python: {e}\n  rust:   {g}")
    assert not mismatches, f"{len(mismatches)} of {len(cases)} cases differ"
    # Coverage the test promises: both power paths, partial fills, errors.
    assert stats["path:exact"] > CASES // 10 and stats["path:fallback"] > CASES // 10
    assert partial > CASES // 100
    assert outcomes["error:PriceLimitExceeded"] > CASES // 100


@pytest.mark.parametrize("line,expected", [
    # Spec section 7 vectors through both implementations.
    ("pow 21000000000000000 28000000000000000 600000000000000000 400000000000000000 4096",
     "ok 649519052838328985"),
    ("price 45678912345678 1234567890123456 500000123456789012 196 1",
     "ok 682527705632922113 36999901"),
    ("swap 123456789012345 987654321098765 499123456789012345 33 1 0 1234567890123450 126693430 0 "
     "1000000 0", "ok 616830290276 4892966934861 310759970 310759970"),
])
def test_spec_vectors_both_sides(line, expected):
    assert run_rust([line]) == [expected]
    op, *args = line.split()
    a = [int(v) for v in args]
    if op == "pow":
        assert reply(lambda: ref.pow_ratio_scaled(*a, E18)) == expected
    elif op == "price":
        p = ref.Pool(*a)
        assert reply(lambda: (p.price(), p.alpha_price_rao())) == expected
    else:
        p = ref.Pool(*a[:5])
        assert reply(lambda: p.swap(a[5] == 0, a[6], a[7], bool(a[8]), a[9], bool(a[10]))) == expected
