"""The stake calculator and amounts through the uniffi Python bindings.

Known-good values are the spec vectors of subtensor-staking.md §7 (chain unit-test values and
the computed P1–P4 / V1–V6 vectors). Every export is covered, including bad input, which must
raise a typed TaolightError (or, for values outside the FFI type's range, the generated code's
own ValueError/TypeError) and never crash the process.
"""
import pytest
import taolight_mobile as tl

E = tl.TaolightError
MAX_PRICE = 1_000_000_000_000_000
MIN_PRICE = 1_000
BUY, SELL = tl.SwapDirection.BUY, tl.SwapDirection.SELL


def pool(y, x, w2, fee, mechanism=1):
    return tl.Pool(tao_reserve=y, alpha_reserve=x, quote_weight=w2, fee_rate=fee, mechanism=mechanism)


P1 = pool(1_000_000_000, 4_000_000_000, 500_000_000_000_000_000, 33)
P2 = pool(10_000_000_000_000, 50_000_000_000_000, 600_000_000_000_000_000, 33)
P3 = pool(123_456_789_012_345, 987_654_321_098_765, 499_123_456_789_012_345, 33)
P4 = pool(45_678_912_345_678, 1_234_567_890_123_456, 500_000_123_456_789_012, 196)


@pytest.mark.parametrize("p, bits, rao", [
    (P1, 4_611_686_018_427_387_904, 250_000_000),
    (P2, 2_459_565_876_494_606_881, 133_333_333),
    (P3, 2_313_941_870_309_591_110, 125_439_040),
    (P4, 682_527_705_632_922_113, 36_999_901),
])
def test_prices(p, bits, rao):
    assert tl.price_bits(p) == str(bits)
    assert tl.current_alpha_price(p) == rao


@pytest.mark.parametrize("p, d, amount, limit, expected", [
    (P1, BUY, 2_000, MAX_PRICE, (1_999, 1, 7_995)),
    (P1, SELL, 123_456, MIN_PRICE, (123_394, 62, 30_847)),
    (P1, BUY, 10_000_000_000, 252_500_000, (4_987_562, 2_512, 19_851_238)),
    (P1, SELL, 40_000_000_000, 247_500_000, (20_151_261, 10_152, 5_012_562)),
    (P2, BUY, 100_000_000_000_000, 134_666_666, (39_880_615_988, 20_091_910, 297_620_466_869)),
    (P3, SELL, 10_000_000_000_000, MIN_PRICE, (9_994_964_522_775, 5_035_477_225, 1_241_176_043_944)),
    (P4, BUY, 100_000_000_000, MAX_PRICE, (99_700_923_171, 299_076_829, 2_688_758_140_345)),
    (P4, SELL, 12_345_678_901_234_560, 36_629_902, (6_219_527_355_735, 18_656_963_861, 228_968_396_171)),
    (P4, BUY, 1_000_000_000, 36_999_902, (579_359, 1_737, 15_658_393)),  # V6 tiny partial fill
])
def test_do_swap_table_vectors(p, d, amount, limit, expected):
    r = tl.do_swap(p, d, amount, limit, False)
    assert (r.amount_paid_in, r.fee_paid, r.amount_paid_out) == expected
    assert r.fee_to_block_author == r.fee_paid


def test_do_swap_drop_fees_and_strict_limit():
    r = tl.do_swap(P3, BUY, 1_000_000_000, MAX_PRICE, True)
    assert (r.amount_paid_in, r.fee_paid, r.amount_paid_out) == (1_000_000_000, 0, 7_971_935_317)
    with pytest.raises(E.PriceLimitExceeded):
        tl.do_swap(P4, BUY, 1_000_000_000, 36_999_901, False)  # limit == price: strict


def test_sim_swap_vectors():
    assert tl.sim_swap_tao_for_alpha(P3, 1_000_000_000) == tl.SimSwapResult(
        tao_amount=999_496_453, alpha_amount=7_967_921_105, tao_fee=503_547, alpha_fee=0,
        tao_slippage=0, alpha_slippage=4_078_671)
    assert tl.sim_swap_alpha_for_tao(P4, 100_000_000_000) == tl.SimSwapResult(
        tao_amount=3_688_626_407, alpha_amount=99_700_923_171, tao_fee=0, alpha_fee=299_076_829,
        tao_slippage=11_363_699, alpha_slippage=0)


def test_quote_stake_v1():
    q = tl.quote_stake(P4, 100_000_000_000, 5_000_000)
    assert q.direction == BUY
    assert (q.amount_in, q.swapped_in, q.fee, q.amount_out) == (
        100_000_000_000, 99_700_923_171, 299_076_829, 2_688_758_140_345)
    assert (q.price_before, q.price_after) == (36_999_901, 37_161_592)
    # ideal_out = floor(100 TAO / price); impact includes the fee.
    assert q.ideal_out > q.amount_out and 0 < q.price_impact_ppb < 1_000_000_000
    assert q.limit_price == tl.buy_limit_for_tolerance(P4, 5_000_000)
    assert q.max_at_limit == tl.max_amount_add(P4, q.limit_price)


def test_quote_unstake_v2():
    q = tl.quote_unstake(P4, 1_000_000_000_000, 0)
    assert q.direction == SELL
    assert (q.swapped_in, q.fee, q.amount_out) == (997_009_231_709, 2_990_768_291, 36_859_476_054)
    after = pool(45_641_942_390_275, 1_235_567_890_123_456, P4.quote_weight, 196)
    assert q.price_after == tl.current_alpha_price(after)
    assert tl.quote_unstake(P3, 1_000_000_000_000, 0).amount_out == 125_248_902_270


def test_v3_limits_and_max_amounts():
    assert tl.buy_limit_for_tolerance(P4, 10_000_000) == 37_369_900
    assert tl.sell_limit_for_tolerance(P4, 10_000_000) == 36_629_901
    assert tl.max_amount_add(P4, 37_369_900) == 228_509_731_546
    assert tl.max_amount_remove(P4, 36_629_902) == 6_238_184_319_596
    assert tl.max_amount_add(P3, 126_693_430) == 617_141_050_246
    assert tl.max_amount_remove(P3, 124_184_650) == 4_969_376_695_873
    # Chain unit-test case (test_max_amount_remove_dynamic), reserves far above the minimum.
    assert tl.max_amount_remove(tl.pool_with_defaults(200_000_000_000, 100_000_000_000), 1_999_999_999) == 24
    with pytest.raises(E.PriceLimitExceeded):
        tl.max_amount_add(tl.pool_with_defaults(150_000_000_000, 100_000_000_000), 1_500_000_000)


def test_v4_move():
    assert tl.price_ratio(P3, P4) == 3_390_253_393
    assert tl.max_amount_move(P3, P4, 3_356_350_859) == 1_751_169_802_531
    q = tl.quote_move(P3, P4, 1_000_000_000_000, False, 10_000_000)
    assert q.alpha_in == 1_000_000_000_000 and q.price_ratio == 3_390_253_393
    # Leg 1 sells with the fee (as the unstake vector), leg 2 buys fee-less.
    assert q.origin_fee == 503_547_722 and q.destination_fee == 0
    assert q.tao_between == tl.do_swap(P3, SELL, 1_000_000_000_000, MIN_PRICE, False).amount_paid_out
    assert q.limit_price == 3_390_253_393 * 99 // 100
    assert q.max_at_limit == tl.max_amount_move(P3, P4, q.limit_price)


def test_inverse_quotes_are_minimal():
    alpha = 1_000_000_000_000
    tao = tl.tao_needed_for_alpha(P4, alpha)
    assert tl.quote_stake(P4, tao, 0).amount_out >= alpha
    assert tl.quote_stake(P4, tao - 1, 0).amount_out < alpha
    want = 5_000_000_000
    a = tl.alpha_needed_for_tao(P3, want)
    assert tl.do_swap(P3, SELL, a, MIN_PRICE, False).amount_paid_out >= want
    assert tl.do_swap(P3, SELL, a - 1, MIN_PRICE, False).amount_paid_out < want
    with pytest.raises(E.Unreachable):
        tl.tao_needed_for_alpha(P1, 4_000_000_000)  # the whole alpha reserve


def test_share_pool_values():
    def sf(m, e=0):
        return tl.SafeFloat(mantissa=str(m), exponent=e)
    assert tl.stake_value(100, sf(3), sf(10)) == 30  # test_get_value
    assert tl.stake_value(100, sf(7), sf(10)) == 70
    assert tl.stake_value(100, sf(7), sf(0)) == 0
    half = tl.safe_float_from_u64f64_bits(str(1 << 63))
    assert half == tl.SafeFloat(mantissa=str(5 * 10**20), exponent=-21)
    assert tl.stake_value(1_000, half, sf(1)) == 500
    with pytest.raises(E.InvalidArgument):
        tl.stake_value(1, sf(10**21 + 1), sf(1))
    with pytest.raises(E.InvalidArgument):
        tl.stake_value(1, sf("0x10"), sf(1))
    with pytest.raises(E.InvalidArgument):
        tl.safe_float_from_u64f64_bits(str(1 << 128))


def test_pool_with_defaults_is_p1():
    p = tl.pool_with_defaults(1_000_000_000, 4_000_000_000)
    assert p == P1
    assert tl.current_alpha_price(p) == 250_000_000


def test_amounts():
    assert tl.parse_rao("1.5") == 1_500_000_000
    assert tl.parse_rao(".25") == 250_000_000
    assert tl.parse_rao("18446744073.709551615") == 2**64 - 1
    assert tl.format_rao(1_500_000_000) == "1.5"
    assert tl.format_rao(1) == "0.000000001"
    assert tl.format_rao_fixed(1_234_567_891, 4) == "1.2345"
    assert tl.format_rao_fixed(5_500_000_000, 0) == "5"
    assert tl.parse_units("12.34", 2) == 1_234
    for v in [0, 1, 999_999_999, 123_456_789_012, 2**64 - 1]:
        assert tl.parse_rao(tl.format_rao(v)) == v


@pytest.mark.parametrize("text, error", [
    ("", E.Empty), (".", E.Empty), ("-1", E.Negative), ("1,5", E.InvalidCharacter),
    ("1.5e3", E.InvalidCharacter), (" 1", E.InvalidCharacter), ("1.0000000001", E.TooManyDecimals),
    ("18446744073.709551616", E.Overflow),
])
def test_malformed_decimals_raise_typed_errors(text, error):
    with pytest.raises(error) as info:
        tl.parse_rao(text)
    assert isinstance(info.value, tl.TaolightError) and str(info.value)


@pytest.mark.parametrize("call, error", [
    (lambda: tl.quote_stake(P1, 0, 0), E.ZeroAmount),
    (lambda: tl.quote_stake(tl.pool_with_defaults(0, 0), 1_000_000_000, 0), E.ReservesTooLow),
    (lambda: tl.quote_unstake(pool(1_000_000_000, 0, 5 * 10**17, 33), 1_000, 0), E.ReservesTooLow),
    (lambda: tl.quote_stake(P1, 1_000_000_000, 1_000_000_000), E.InvalidTolerance),
    (lambda: tl.quote_stake(P1, 2**64 - 1, 0), E.SwapInputTooLarge),
    (lambda: tl.quote_stake(pool(1, 1, 0, 33), 1, 0), E.InvalidWeight),
    (lambda: tl.current_alpha_price(pool(1, 1, 995 * 10**15, 33)), E.InvalidWeight),
    (lambda: tl.price_bits(pool(1, 1, 5 * 10**17, 10_001)), E.InvalidFeeRate),
    (lambda: tl.sim_swap_tao_for_alpha(pool(1, 1, 5 * 10**17, 10_001), 1), E.InvalidFeeRate),
    (lambda: tl.buy_limit_for_tolerance(P1, 2**64 - 1), E.InvalidTolerance),
    (lambda: tl.sell_limit_for_tolerance(P1, 1_000_000_000), E.InvalidTolerance),
    (lambda: tl.max_amount_remove(tl.pool_with_defaults(0, 1_000_000_000), 100), E.ReservesTooLow),
    (lambda: tl.max_amount_move(P1, pool(1, 1, 0, 33), 1), E.InvalidWeight),
    (lambda: tl.price_ratio(P1, pool(1, 1, 5 * 10**17, 20_000)), E.InvalidFeeRate),
    (lambda: tl.quote_move(P1, P2, 0, False, 0), E.ZeroAmount),
    (lambda: tl.alpha_needed_for_tao(P1, 0), E.ZeroAmount),
    (lambda: tl.do_swap(P4, BUY, 1_000, 0, False), E.PriceLimitExceeded),
])
def test_bad_stake_input_raises_typed_errors(call, error):
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, tl.TaolightError) and str(info.value)


@pytest.mark.parametrize("call", [
    lambda: tl.quote_stake(P1, -1, 0),          # negative: not a u64
    lambda: tl.quote_stake(P1, 2**64, 0),       # above u64::MAX
    lambda: tl.format_rao(-5),
    lambda: tl.pool_with_defaults(2**64, 1),
    lambda: tl.quote_stake(P1, "1", 0),         # not an int
    lambda: tl.parse_rao(None),
])
def test_out_of_range_integers_are_refused_before_the_call(call):
    # uniffi checks the FFI type's range in the generated Python and raises ValueError/TypeError.
    with pytest.raises((ValueError, TypeError, OverflowError)):
        call()
