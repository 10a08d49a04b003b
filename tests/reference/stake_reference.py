"""Independent reference of the Bittensor (subtensor spec 425) subnet-pool maths.

Written from docs/subtensor-staking.md (sections 1, 2 and 5), not from the Rust crate: plain
Python integers only, no floats. Used by test_stake_differential.py to check
taolight_core::stake bit for bit.

Conventions: U64F64 values are Python ints holding the raw bits (value = bits / 2**64).
Errors are raised as StakeRefError(name) with the chain's error names.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import gcd

U64_MAX = (1 << 64) - 1
U128_MAX = (1 << 128) - 1
FRAC = 64
ONE = 1 << FRAC
PERQUINTILL = 10**18
RAO = 10**9
MIN_PRICE_RAO = 1_000
MAX_PRICE_RAO = 10**15
MINIMUM_RESERVE = 1_000_000
INPUT_MULTIPLIER = 1_000
MIN_STAKE = 2_000_000
U16_MAX = 65_535


class StakeRefError(Exception):
    """A chain error, carrying the chain's error name."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


# ---- U64F64 (substrate-fixed semantics, spec 1.3) ------------------------------------------

def fx(n: int) -> int:
    """saturating_from_num(n) for a non-negative integer."""
    return min(n << FRAC, U128_MAX)


def fmul(a: int, b: int) -> int:
    """saturating_mul: floor(a*b / 2^64), saturating."""
    return min((a * b) >> FRAC, U128_MAX)


def fdiv(a: int, b: int) -> int:
    """safe_div: floor(a * 2^64 / b); 0 on b == 0 or overflow."""
    if b == 0:
        return 0
    q = (a << FRAC) // b
    return 0 if q > U128_MAX else q


def fsub(a: int, b: int) -> int:
    return a - b if a > b else 0


def fadd(a: int, b: int) -> int:
    return min(a + b, U128_MAX)


def fu64(a: int) -> int:
    return min(a >> FRAC, U64_MAX)


def sat_add64(a: int, b: int) -> int:
    return min(a + b, U64_MAX)


def sat_sub64(a: int, b: int) -> int:
    return a - b if a > b else 0


def sat_mul64(a: int, b: int) -> int:
    return min(a * b, U64_MAX)


# ---- safe-bigmath pow_ratio_scaled (spec 1.3) ------------------------------------------------

EXACT_LIMIT = 1024


def _iroot(n: int, k: int) -> int:
    """floor(n ** (1/k)) for n >= 0, by Newton's method on integers."""
    if n < 2 or k == 1:
        return n
    # Start above the root: 2^ceil(bits/k).
    x = 1 << -(-n.bit_length() // k)
    while True:
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            break
        x = y
    # Newton from above converges to floor; guard the boundary anyway.
    while x ** k > n:
        x -= 1
    while (x + 1) ** k <= n:
        x += 1
    return x


def _round_guard(v: int, g: int) -> int:
    """Divide by g rounding half away from zero (truncating quotient, then adjust)."""
    q = abs(v) // g
    r = abs(v) - q * g
    if r != 0 and 2 * r >= g:
        q += 1
    return q if v >= 0 else -q


def exact_path(en: int, ed: int) -> bool:
    g = gcd(en, ed) if ed else 1
    return ed != 0 and en // g <= EXACT_LIMIT and ed // g <= EXACT_LIMIT


def pow_ratio_scaled(bn: int, bd: int, en: int, ed: int, precision: int, scale: int):
    """(bn/bd)^(en/ed) * scale, floored, or None. Exact root path or ln/exp series."""
    if bd == 0 or ed == 0:
        return None
    if bn == 0:
        return 0
    if en == 0:
        return scale
    g = gcd(en, ed)
    en, ed = en // g, ed // g
    if en <= EXACT_LIMIT and ed <= EXACT_LIMIT:
        # Largest r with r^ed * bd^en <= bn^en * scale^ed.
        return _iroot((bn ** en * scale ** ed) // (bd ** en), ed)

    rp = max(precision, 32, scale.bit_length() + 8)
    ip = rp + 24
    guard = 1 << 24
    big_s = 1 << ip
    iters = min(4096, ip + 128)

    def ln1p(x: int) -> int:
        # ln(1+x) = x - x^2/2 + x^3/3 - ...
        power = x
        acc = x
        last = _round_guard(acc, guard)
        for n in range(2, iters + 1):
            power = (power * x) // big_s
            if power == 0:
                break
            step = power // n
            if step == 0:
                break
            acc = acc - step if n % 2 == 0 else acc + step
            now = _round_guard(acc, guard)
            if abs(step) < guard or now == last:
                break
            last = now
        return acc

    def exp(x: int) -> int:
        term = big_s
        acc = big_s
        last = _round_guard(acc, guard)
        for n in range(1, iters + 1):
            term = (term * x) // (big_s * n)
            if term == 0:
                break
            acc += term
            now = _round_guard(acc, guard)
            if abs(term) < guard or now == last:
                break
            last = now
        return acc

    ln2 = -ln1p(-(big_s >> 1))

    def ln(v: int) -> int:
        shift = v.bit_length() - 1
        m = (v << ip) >> shift
        if m >= big_s + (big_s >> 1):
            m >>= 1
            shift += 1
        return ln1p(m - big_s) + ln2 * shift

    scaled = ((ln(bn) - ln(bd)) * en) // ed
    e = _round_guard(exp(scaled), guard)
    return (e * scale) // (1 << rp)


# ---- the pool (spec 1.4 - 2.3) ---------------------------------------------------------------

@dataclass
class Pool:
    y: int  # SubnetTAO
    x: int  # SubnetAlphaIn
    w2: int  # quote weight, parts of 1e18
    fee_rate: int
    mechanism: int = 1

    @property
    def w1(self) -> int:
        return PERQUINTILL - self.w2

    @property
    def dynamic(self) -> bool:
        return self.mechanism == 1

    def check(self):
        if not (PERQUINTILL // 100 <= self.w2 <= PERQUINTILL - PERQUINTILL // 100):
            raise StakeRefError("InvalidWeight")
        if self.fee_rate > 10_000:
            raise StakeRefError("InvalidFeeRate")

    # price -----------------------------------------------------------------------------------
    def price_of(self, x: int, y: int) -> int:
        return fmul(fdiv(fx(self.w1), fx(self.w2)), fdiv(fx(y), fx(x)))

    def price(self) -> int:
        return self.price_of(self.x, self.y) if self.dynamic else ONE

    def alpha_price_rao(self) -> int:
        return fu64(fmul(self.price(), fx(RAO)))

    # fees ------------------------------------------------------------------------------------
    def fee(self, amount: int, drop: bool) -> int:
        if drop or not self.dynamic:
            return 0
        return fu64(fmul(fx(amount), fdiv(fx(self.fee_rate), fx(U16_MAX))))

    def fee_on_delta(self, d: int, drop: bool) -> int:
        if drop or not self.dynamic:
            return 0
        r = fx(self.fee_rate)
        return fu64(fmul(fx(d), fdiv(r, fsub(fx(U16_MAX), r))))

    # outputs ---------------------------------------------------------------------------------
    def _e(self, reserve: int, d: int, en: int, ed: int) -> int:
        total = sat_add64(reserve, d)
        if total == 0:
            return 0
        r = pow_ratio_scaled(reserve, total, en, ed, 256, PERQUINTILL)
        if r is None or r > U64_MAX:
            return 0
        return min(fdiv(fx(r), fx(PERQUINTILL)), ONE)

    def alpha_for_tao(self, d: int) -> int:
        return fu64(fmul(fx(self.x), fsub(ONE, self._e(self.y, d, self.w2, self.w1))))

    def tao_for_alpha(self, d: int) -> int:
        return fu64(fmul(fx(self.y), fsub(ONE, self._e(self.x, d, self.w1, self.w2))))

    # limit deltas (2.2) ------------------------------------------------------------------------
    def _delta_to(self, num_bits: int, den_bits: int, w: int, reserve: int) -> int:
        r = pow_ratio_scaled(num_bits, den_bits, w, PERQUINTILL, 1024, PERQUINTILL)
        if r is None:
            return 0
        r = min(r, U64_MAX)
        return fu64(fmul(fx(reserve), fsub(fdiv(fx(r), fx(PERQUINTILL)), ONE)))

    def tao_delta_to(self, cur: int, target: int) -> int:
        return self._delta_to(target, cur, self.w1, self.y)

    def alpha_delta_to(self, cur: int, target: int) -> int:
        return self._delta_to(cur, target, self.w2, self.x)

    # the swap (2.1) ----------------------------------------------------------------------------
    def swap(self, buy: bool, amount: int, limit_rao: int, drop: bool,
             min_reserve: int = MINIMUM_RESERVE, simulate: bool = False):
        """Returns (paid_in, paid_out, fee, fee_to_author)."""
        self.check()
        if not self.dynamic:
            return (amount, amount, 0, 0)
        limit = fdiv(fx(limit_rao), fx(RAO))
        r_in, r_out = (self.y, self.x) if buy else (self.x, self.y)
        fee = self.fee(amount, drop)
        want = amount - fee
        if want > sat_mul64(r_in, INPUT_MULTIPLIER):
            raise StakeRefError("SwapInputTooLarge")
        if r_out < min_reserve:
            raise StakeRefError("ReservesTooLow")
        cur = self.price()
        if (buy and not cur < limit) or (not buy and not cur > limit):
            raise StakeRefError("PriceLimitExceeded")
        if buy:
            out = self.alpha_for_tao(want)
            after = self.price_of(sat_sub64(self.x, out), sat_add64(self.y, want))
            if after <= limit:
                d = want
            else:
                d = self.tao_delta_to(cur, limit)
                fee = self.fee_on_delta(d, drop)
                out = self.alpha_for_tao(d)
        else:
            out = self.tao_for_alpha(want)
            after = self.price_of(sat_add64(self.x, want), sat_sub64(self.y, out))
            if after >= limit:
                d = want
            else:
                d = self.alpha_delta_to(cur, limit)
                fee = self.fee_on_delta(d, drop)
                out = self.tao_for_alpha(d)
        if d > 0 and out == 0:
            raise StakeRefError("ReservesTooLow")
        if not simulate and out > r_out:
            raise StakeRefError("InsufficientLiquidity")
        return (d, out, fee, fee if d > 0 else 0)

    def max_amount(self, buy: bool, limit_rao: int, min_reserve: int = MINIMUM_RESERVE) -> int:
        self.check()
        if not self.dynamic:
            ok = limit_rao >= RAO if buy else limit_rao <= RAO
            return U64_MAX if ok else 0
        amount = sat_mul64(self.y if buy else self.x, INPUT_MULTIPLIER)
        d, _, fee, _ = self.swap(buy, amount, limit_rao, False, min_reserve, simulate=True)
        return sat_add64(d, fee)

    def sim_buy(self, tao: int):
        try:
            d, out, fee, _ = self.swap(True, tao, MAX_PRICE_RAO, False, simulate=True)
        except StakeRefError:
            return (0, 0, 0, 0, 0, 0)
        ideal = fu64(fdiv(fx(tao), self.price()))
        return (d, out, fee, 0, 0, sat_sub64(ideal, out))

    def sim_sell(self, alpha: int):
        try:
            d, out, fee, _ = self.swap(False, alpha, MIN_PRICE_RAO, False, simulate=True)
        except StakeRefError:
            return (0, 0, 0, 0, 0, 0)
        ideal = fu64(fmul(fx(alpha), self.price()))
        return (out, d, 0, fee, sat_sub64(ideal, out), 0)

    def remove_stake(self, alpha: int, limit_rao: int = MIN_PRICE_RAO):
        """unstake_from_subnet: sell, then sell the fee alpha fee-less for the author.
        Returns (user_tao, alpha_in, fee_alpha, author_tao, new_y, new_x)."""
        d, out, fee, to_author = self.swap(False, alpha, limit_rao, False)
        y, x = sat_sub64(self.y, out), sat_add64(self.x, d)
        author = 0
        if to_author > 0:
            second = Pool(y, x, self.w2, self.fee_rate, self.mechanism)
            try:
                d2, out2, _, _ = second.swap(False, to_author, MIN_PRICE_RAO, True)
                y, x = sat_sub64(y, out2), sat_add64(x, d2)
                author = out2
            except StakeRefError:
                pass
        return (out, d, fee, author, y, x)


def max_amount_move(o: Pool, d: Pool, limit_rao: int) -> int:
    """swap_stake_limit sizing (the v2 closed form for dynamic -> dynamic)."""
    o.check()
    d.check()
    if not o.dynamic and not d.dynamic:
        return 0 if limit_rao > RAO else U64_MAX
    if not o.dynamic:
        if limit_rao == 0:
            return U64_MAX
        dest_price = fu64(fmul(fdiv(fx(RAO), fx(limit_rao)), fx(RAO)))
        return d.max_amount(True, dest_price)
    if not d.dynamic:
        return o.max_amount(False, limit_rao)
    if 0 in (o.y, d.y, o.x, d.x):
        return 0
    lim = fdiv(fx(limit_rao), fx(RAO))
    if lim > fdiv(o.price(), d.price()):
        return 0
    if limit_rao == 0:
        return U64_MAX
    total = fadd(fx(o.y), fx(d.y))
    left = fdiv(fmul(fx(d.x), fdiv(fx(o.y), total)), lim)
    right = fmul(fx(o.x), fdiv(fx(d.y), total))
    return fu64(fsub(left, right))
