//! The stake calculator and amount exports as JavaScript sees them, in Node and headless
//! Chromium (stage 20 runs every file in this directory in both engines).
//!
//! Three kinds of checks:
//! - known-good values: the spec vectors of /work/shared/docs/subtensor-staking.md §7
//!   (chain unit-test values and the computed P1–P4 / V1–V6 vectors);
//! - the binding against the core: 300 seeded random pools and amounts, every export's JS
//!   result (a plain object of `bigint`s, or a thrown `TaolightError`) compared field by field
//!   with the same `taolight_core::stake` call made directly;
//! - bad input (negative or too-large `bigint`s, numbers for bigints, malformed decimals,
//!   zero pools, invalid weights): a `TaolightError` with a stable `code`, never a panic.
use taolight_core::stake::{
    self as core_stake, DYNAMIC_MECHANISM, MoveQuote, Pool, SimSwapResult, StakeError,
    SwapDirection, SwapQuote, SwapResult,
};
use taolight_wasm::{amount, stake};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

// ---- helpers ----------------------------------------------------------------------------------

fn big(v: u64) -> JsValue {
    JsValue::from(v)
}

fn num(v: f64) -> JsValue {
    JsValue::from_f64(v)
}

fn get(obj: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(obj, &name.into()).unwrap()
}

/// A `bigint` field of a result object, as u64 (fails if it is not a bigint).
fn u64_of(obj: &JsValue, name: &str) -> u64 {
    let v = get(obj, name);
    assert!(v.is_bigint(), "{name} is not a bigint: {v:?}");
    u64::try_from(v).unwrap()
}

/// The own property names of a result object, sorted (to check it against the .d.ts shape).
fn keys(obj: &JsValue) -> Vec<String> {
    let mut k: Vec<String> = js_sys::Object::keys(obj.unchecked_ref::<js_sys::Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    k.sort();
    k
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// The value a failing export throws: an `Error` named `TaolightError`; returns its `code`.
fn thrown_code(err: taolight_wasm::Error) -> String {
    let js = JsValue::from(err);
    let error = js
        .dyn_ref::<js_sys::Error>()
        .expect("thrown value is an Error");
    assert_eq!(String::from(error.name()), "TaolightError");
    assert!(!String::from(error.message()).is_empty());
    js_sys::Reflect::get(&js, &"code".into())
        .unwrap()
        .as_string()
        .expect("code is a string")
}

/// The code a core error must arrive with: its variant name (from `Debug`, independently of
/// the binding's mapping).
fn variant_name(e: &impl core::fmt::Debug) -> String {
    let d = format!("{e:?}");
    d.split([' ', '(', '{']).next().unwrap().to_string()
}

fn pool_js(p: &Pool) -> JsValue {
    let o = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        js_sys::Reflect::set(&o, &k.into(), &v).unwrap();
    };
    set("taoReserve", big(p.tao_reserve));
    set("alphaReserve", big(p.alpha_reserve));
    set("quoteWeight", big(p.quote_weight));
    set("feeRate", num(p.fee_rate.into()));
    set("mechanism", num(p.mechanism.into()));
    o.into()
}

fn pool(y: u64, x: u64, w2: u64, fee: u16) -> Pool {
    Pool::new(y, x, w2, fee, DYNAMIC_MECHANISM).unwrap()
}

fn p1() -> Pool {
    pool(1_000_000_000, 4_000_000_000, 500_000_000_000_000_000, 33)
}
fn p2() -> Pool {
    pool(
        10_000_000_000_000,
        50_000_000_000_000,
        600_000_000_000_000_000,
        33,
    )
}
fn p3() -> Pool {
    pool(
        123_456_789_012_345,
        987_654_321_098_765,
        499_123_456_789_012_345,
        33,
    )
}
fn p4() -> Pool {
    pool(
        45_678_912_345_678,
        1_234_567_890_123_456,
        500_000_123_456_789_012,
        196,
    )
}

fn dir_js(d: SwapDirection) -> JsValue {
    match d {
        SwapDirection::Buy => "buy".into(),
        SwapDirection::Sell => "sell".into(),
    }
}

/// `doSwap` through the binding, as (d, fee, out).
fn js_swap(p: &Pool, d: SwapDirection, amount: u64, limit: u64) -> Result<(u64, u64, u64), String> {
    stake::do_swap(pool_js(p), dir_js(d), big(amount), big(limit), None)
        .map(|r| {
            (
                u64_of(&r, "amountPaidIn"),
                u64_of(&r, "feePaid"),
                u64_of(&r, "amountPaidOut"),
            )
        })
        .map_err(thrown_code)
}

const SWAP_RESULT_KEYS: &[&str] = &[
    "amountPaidIn",
    "amountPaidOut",
    "feePaid",
    "feeToBlockAuthor",
];
const SIM_KEYS: &[&str] = &[
    "taoAmount",
    "alphaAmount",
    "taoFee",
    "alphaFee",
    "taoSlippage",
    "alphaSlippage",
];
const QUOTE_KEYS: &[&str] = &[
    "direction",
    "amountIn",
    "swappedIn",
    "fee",
    "amountOut",
    "priceBefore",
    "priceAfter",
    "idealOut",
    "priceImpactPpb",
    "limitPrice",
    "maxAtLimit",
];
const MOVE_KEYS: &[&str] = &[
    "alphaIn",
    "taoBetween",
    "alphaOut",
    "originFee",
    "destinationFee",
    "priceRatio",
    "limitPrice",
    "maxAtLimit",
];

fn assert_swap_result(js: &JsValue, r: &SwapResult) {
    assert_eq!(keys(js), sorted(SWAP_RESULT_KEYS));
    assert_eq!(u64_of(js, "amountPaidIn"), r.amount_paid_in);
    assert_eq!(u64_of(js, "amountPaidOut"), r.amount_paid_out);
    assert_eq!(u64_of(js, "feePaid"), r.fee_paid);
    assert_eq!(u64_of(js, "feeToBlockAuthor"), r.fee_to_block_author);
}

fn assert_sim(js: &JsValue, r: &SimSwapResult) {
    assert_eq!(keys(js), sorted(SIM_KEYS));
    let got = [
        "taoAmount",
        "alphaAmount",
        "taoFee",
        "alphaFee",
        "taoSlippage",
        "alphaSlippage",
    ]
    .map(|k| u64_of(js, k));
    assert_eq!(
        got,
        [
            r.tao_amount,
            r.alpha_amount,
            r.tao_fee,
            r.alpha_fee,
            r.tao_slippage,
            r.alpha_slippage
        ]
    );
}

fn assert_quote(js: &JsValue, q: &SwapQuote) {
    assert_eq!(keys(js), sorted(QUOTE_KEYS));
    let direction = get(js, "direction").as_string().unwrap();
    assert_eq!(dir_js(q.direction).as_string().unwrap(), direction);
    let impact = get(js, "priceImpactPpb").as_f64().expect("ppb is a number");
    assert_eq!(impact, q.price_impact_ppb as f64);
    let got = [
        "amountIn",
        "swappedIn",
        "fee",
        "amountOut",
        "priceBefore",
        "priceAfter",
        "idealOut",
        "limitPrice",
        "maxAtLimit",
    ]
    .map(|k| u64_of(js, k));
    assert_eq!(
        got,
        [
            q.amount_in,
            q.swapped_in,
            q.fee,
            q.amount_out,
            q.price_before,
            q.price_after,
            q.ideal_out,
            q.limit_price,
            q.max_at_limit
        ]
    );
}

fn assert_move(js: &JsValue, q: &MoveQuote) {
    assert_eq!(keys(js), sorted(MOVE_KEYS));
    let got = [
        "alphaIn",
        "taoBetween",
        "alphaOut",
        "originFee",
        "destinationFee",
        "priceRatio",
        "limitPrice",
        "maxAtLimit",
    ]
    .map(|k| u64_of(js, k));
    assert_eq!(
        got,
        [
            q.alpha_in,
            q.tao_between,
            q.alpha_out,
            q.origin_fee,
            q.destination_fee,
            q.price_ratio,
            q.limit_price,
            q.max_at_limit
        ]
    );
}

/// Binding result vs core result: equal values, or the core error's name as `code`.
fn same<T, U: core::fmt::Debug>(
    js: Result<T, taolight_wasm::Error>,
    core: Result<U, StakeError>,
    check: impl FnOnce(&T, &U),
    what: &str,
) {
    match (js, core) {
        (Ok(j), Ok(c)) => check(&j, &c),
        (Err(j), Err(c)) => assert_eq!(thrown_code(j), variant_name(&c), "{what}"),
        (Ok(_), Err(c)) => panic!("{what}: binding succeeded, core failed with {c:?}"),
        (Err(j), Ok(c)) => panic!("{what}: binding threw {}, core gave {c:?}", thrown_code(j)),
    }
}

// ---- spec vectors (subtensor-staking.md §7) ------------------------------------------------

#[wasm_bindgen_test]
fn pool_prices_p1_to_p4() {
    let cases: [(Pool, u128, u64); 4] = [
        (p1(), 4_611_686_018_427_387_904, 250_000_000),
        (p2(), 2_459_565_876_494_606_881, 133_333_333),
        (p3(), 2_313_941_870_309_591_110, 125_439_040),
        (p4(), 682_527_705_632_922_113, 36_999_901),
    ];
    for (p, bits, rao) in cases {
        assert_eq!(stake::price_bits(pool_js(&p)).unwrap(), bits);
        assert_eq!(stake::current_alpha_price(pool_js(&p)).unwrap(), rao);
    }
    // The returned price bits are a JS bigint (u128).
    let bits = JsValue::from(stake::price_bits(pool_js(&p1())).unwrap());
    assert!(bits.is_bigint());
}

/// (pool, direction, amount, limit, amount_paid_in, fee_paid, amount_paid_out).
type SwapRow = (fn() -> Pool, SwapDirection, u64, u64, u64, u64, u64);

#[wasm_bindgen_test]
fn swap_table_vectors() {
    use SwapDirection::{Buy, Sell};
    const MAX: u64 = 1_000_000_000_000_000;
    const MIN: u64 = 1_000;
    #[rustfmt::skip]
    let rows: &[SwapRow] = &[
        (p1, Buy, 1_000, MAX, 1_000, 0, 3_999),
        (p1, Buy, 2_000, MAX, 1_999, 1, 7_995),
        (p1, Buy, 123_456, MAX, 123_394, 62, 493_515),
        (p1, Sell, 1_000, MIN, 1_000, 0, 249),
        (p1, Sell, 2_000, MIN, 1_999, 1, 499),
        (p1, Sell, 123_456, MIN, 123_394, 62, 30_847),
        (p1, Buy, 2_000_000, MAX, 1_998_993, 1_007, 7_980_019),
        (p1, Sell, 2_000_000, MIN, 1_998_993, 1_007, 499_498),
        (p1, Buy, 1_000_000_000, MAX, 999_496_453, 503_547, 1_999_496_326),
        (p1, Sell, 1_000_000_000, MIN, 999_496_453, 503_547, 199_919_424),
        (p1, Buy, 10_000_000_000, MAX, 9_994_964_523, 5_035_477, 3_636_197_098),
        (p1, Buy, 100_000_000_000, MAX, 99_949_645_228, 50_354_772, 3_960_376_284),
        (p1, Sell, 100_000_000_000, MIN, 99_949_645_228, 50_354_772, 961_519_830),
        (p1, Buy, 10_000_000_000, 252_500_000, 4_987_562, 2_512, 19_851_238),
        (p1, Sell, 40_000_000_000, 247_500_000, 20_151_261, 10_152, 5_012_562),
        (p2, Buy, 2_000_000, MAX, 1_998_993, 1_007, 14_992_443),
        (p2, Sell, 2_000_000, MIN, 1_998_993, 1_007, 266_532),
        (p2, Buy, 1_000_000_000, MAX, 999_496_453, 503_547, 7_495_286_950),
        (p2, Sell, 1_000_000_000, MIN, 999_496_453, 503_547, 133_263_973),
        (p2, Buy, 100_000_000_000, MAX, 99_949_645_228, 50_354_772, 740_364_773_573),
        (p2, Sell, 100_000_000_000, MIN, 99_949_645_228, 50_354_772, 13_304_458_890),
        (p2, Buy, 100_000_000_000_000, 134_666_666, 39_880_615_988, 20_091_910, 297_620_466_869),
        (p2, Sell, 500_000_000_000_000, 132_000_000, 302_420_988_938, 152_360_120, 40_120_644_190),
        (p3, Buy, 2_000_000, MAX, 1_998_993, 1_007, 15_935_971),
        (p3, Sell, 2_000_000, MIN, 1_998_993, 1_007, 250_751),
        (p3, Buy, 1_000_000_000, MAX, 999_496_453, 503_547, 7_967_921_105),
        (p3, Sell, 1_000_000_000, MIN, 999_496_453, 503_547, 125_375_748),
        (p3, Buy, 100_000_000_000, MAX, 99_949_645_228, 50_354_772, 796_155_116_829),
        (p3, Sell, 100_000_000_000, MIN, 99_949_645_228, 50_354_772, 12_536_316_668),
        (p3, Buy, 10_000_000_000_000, MAX, 9_994_964_522_775, 5_035_477_225, 73_722_088_148_917),
        (p3, Sell, 10_000_000_000_000, MIN, 9_994_964_522_775, 5_035_477_225, 1_241_176_043_944),
        (p3, Buy, 1_234_567_890_123_450, 126_693_430, 616_830_290_276, 310_759_970, 4_892_966_934_861),
        (p3, Sell, 9_876_543_210_987_650, 124_184_650, 4_966_874_377_556, 2_502_318_317, 619_916_932_685),
        (p4, Buy, 2_000_000, MAX, 1_994_019, 5_981, 53_892_547),
        (p4, Sell, 2_000_000, MIN, 1_994_019, 5_981, 73_778),
        (p4, Buy, 1_000_000_000, MAX, 997_009_232, 2_990_768, 26_945_679_385),
        (p4, Sell, 1_000_000_000, MIN, 997_009_232, 2_990_768, 36_889_213),
        (p4, Buy, 100_000_000_000, MAX, 99_700_923_171, 299_076_829, 2_688_758_140_345),
        (p4, Sell, 100_000_000_000, MIN, 99_700_923_171, 299_076_829, 3_688_626_407),
        (p4, Buy, 456_789_123_456_780, 37_369_900, 227_826_311_887, 683_419_659, 6_126_925_936_323),
        (p4, Sell, 12_345_678_901_234_560, 36_629_902, 6_219_527_355_735, 18_656_963_861, 228_968_396_171),
    ];
    for &(p, d, amount, limit, paid_in, fee, out) in rows {
        assert_eq!(
            js_swap(&p(), d, amount, limit),
            Ok((paid_in, fee, out)),
            "{d:?} {amount} at {limit}"
        );
    }
    // P3 buy with drop_fees.
    let r = stake::do_swap(
        pool_js(&p3()),
        "buy".into(),
        big(1_000_000_000),
        big(MAX),
        Some(true),
    )
    .unwrap();
    assert_eq!(
        (u64_of(&r, "amountPaidIn"), u64_of(&r, "feePaid")),
        (1_000_000_000, 0)
    );
    assert_eq!(u64_of(&r, "amountPaidOut"), 7_971_935_317);
}

#[wasm_bindgen_test]
fn sim_swap_vectors() {
    let row = |js: JsValue| SIM_KEYS.iter().map(|k| u64_of(&js, k)).collect::<Vec<_>>();
    assert_eq!(
        row(stake::sim_swap_tao_for_alpha(pool_js(&p3()), big(1_000_000_000)).unwrap()),
        [999_496_453, 7_967_921_105, 503_547, 0, 0, 4_078_671]
    );
    assert_eq!(
        row(stake::sim_swap_alpha_for_tao(pool_js(&p3()), big(1_000_000_000_000)).unwrap()),
        [
            125_248_902_270,
            999_496_452_278,
            0,
            503_547_722,
            190_137_869,
            0
        ]
    );
    assert_eq!(
        row(stake::sim_swap_tao_for_alpha(pool_js(&p4()), big(10_000_000_000)).unwrap()),
        [
            9_970_092_318,
            269_403_873_728,
            29_907_682,
            0,
            0,
            867_119_251
        ]
    );
    assert_eq!(
        row(stake::sim_swap_alpha_for_tao(pool_js(&p4()), big(100_000_000_000)).unwrap()),
        [3_688_626_407, 99_700_923_171, 0, 299_076_829, 11_363_699, 0]
    );
}

#[wasm_bindgen_test]
fn v1_v2_quotes_match_the_extrinsic_vectors() {
    // V1 add_stake(P4, 100 TAO): alpha 2_688_758_140_345, author fee 299_076_829, price after 37_161_592.
    let q = stake::quote_stake(pool_js(&p4()), big(100_000_000_000), num(5_000_000.0)).unwrap();
    assert_eq!(get(&q, "direction").as_string().as_deref(), Some("buy"));
    assert_eq!(u64_of(&q, "amountOut"), 2_688_758_140_345);
    assert_eq!(u64_of(&q, "fee"), 299_076_829);
    assert_eq!(u64_of(&q, "swappedIn"), 99_700_923_171);
    assert_eq!(u64_of(&q, "priceBefore"), 36_999_901);
    assert_eq!(u64_of(&q, "priceAfter"), 37_161_592);
    // V2 remove_stake(P4, 1000 α): user TAO 36_859_476_054, alpha into pool 997_009_231_709,
    // then the fee alpha is sold fee-less: pool → (45_641_942_390_275, 1_235_567_890_123_456).
    let q = stake::quote_unstake(pool_js(&p4()), big(1_000_000_000_000), num(0.0)).unwrap();
    assert_eq!(get(&q, "direction").as_string().as_deref(), Some("sell"));
    assert_eq!(u64_of(&q, "amountOut"), 36_859_476_054);
    assert_eq!(u64_of(&q, "swappedIn"), 997_009_231_709);
    assert_eq!(u64_of(&q, "fee"), 2_990_768_291);
    let after = Pool::with_defaults(45_641_942_390_275, 1_235_567_890_123_456);
    let after = Pool {
        quote_weight: p4().quote_weight,
        fee_rate: 196,
        ..after
    };
    assert_eq!(
        u64_of(&q, "priceAfter"),
        stake::current_alpha_price(pool_js(&after)).unwrap()
    );
    // Same on P3: user 125_248_902_270.
    let q = stake::quote_unstake(pool_js(&p3()), big(1_000_000_000_000), num(0.0)).unwrap();
    assert_eq!(u64_of(&q, "amountOut"), 125_248_902_270);
    // add_stake(P3, 1000 TAO): alpha 7_904_106_753_934, fee 503_547_722, price bits after
    // 2_351_494_153_245_038_049 (pool → (124_456_285_464_623, 979_750_214_344_831)).
    let q = stake::quote_stake(pool_js(&p3()), big(1_000_000_000_000), num(0.0)).unwrap();
    assert_eq!(u64_of(&q, "amountOut"), 7_904_106_753_934);
    assert_eq!(u64_of(&q, "fee"), 503_547_722);
    let after = Pool {
        tao_reserve: 124_456_285_464_623,
        alpha_reserve: 979_750_214_344_831,
        ..p3()
    };
    assert_eq!(
        stake::price_bits(pool_js(&after)).unwrap(),
        2_351_494_153_245_038_049
    );
    assert_eq!(
        u64_of(&q, "priceAfter"),
        stake::current_alpha_price(pool_js(&after)).unwrap()
    );
}

#[wasm_bindgen_test]
fn v3_v4_limits_and_max_amounts() {
    // +1 % of 36_999_901 is the limit 37_369_900 of V3.
    assert_eq!(
        stake::buy_limit_for_tolerance(pool_js(&p4()), num(10_000_000.0)).unwrap(),
        37_369_900
    );
    assert_eq!(
        stake::max_amount_add(pool_js(&p4()), big(37_369_900)).unwrap(),
        228_509_731_546
    );
    let q = stake::quote_stake(
        pool_js(&p4()),
        big(1_000_000_000_000_000),
        num(10_000_000.0),
    )
    .unwrap();
    assert_eq!(u64_of(&q, "limitPrice"), 37_369_900);
    assert_eq!(u64_of(&q, "maxAtLimit"), 228_509_731_546);
    assert_eq!(
        stake::max_amount_remove(pool_js(&p4()), big(36_629_902)).unwrap(),
        6_238_184_319_596
    );
    assert_eq!(
        stake::max_amount_add(pool_js(&p3()), big(126_693_430)).unwrap(),
        617_141_050_246
    );
    assert_eq!(
        stake::max_amount_remove(pool_js(&p3()), big(124_184_650)).unwrap(),
        4_969_376_695_873
    );
    // The sell limit is below the spot price, floor(spot·0.99).
    assert_eq!(
        stake::sell_limit_for_tolerance(pool_js(&p4()), num(10_000_000.0)).unwrap(),
        36_629_901
    );
    // V4: ratio 3_390_253_393; max_amount_move at 3_356_350_859 = 1_751_169_802_531.
    assert_eq!(
        stake::price_ratio(pool_js(&p3()), pool_js(&p4())).unwrap(),
        3_390_253_393
    );
    assert_eq!(
        stake::max_amount_move(pool_js(&p3()), pool_js(&p4()), big(3_356_350_859)).unwrap(),
        1_751_169_802_531
    );
}

#[wasm_bindgen_test]
fn chain_unit_test_max_amounts_with_the_runtime_reserve() {
    // test_max_amount_{add,remove}_dynamic cases whose reserves are far above the runtime's
    // SwapMinimumReserve (1_000_000), so the mock's 100 does not matter.
    let d = |y, x| pool_js(&Pool::with_defaults(y, x));
    assert_eq!(
        stake::max_amount_add(d(150_000_000_000, 100_000_000_000), big(1_500_000_001)).unwrap(),
        49
    );
    assert_eq!(
        stake::max_amount_add(d(1_000_000_000_000, 1_000_000_000_000), big(16_000_000_000))
            .unwrap(),
        3_001_511_404_231
    );
    assert_eq!(
        stake::max_amount_remove(d(200_000_000_000, 100_000_000_000), big(1_999_999_999)).unwrap(),
        24
    );
    assert_eq!(
        stake::max_amount_remove(d(200_000_000_000, 100_000_000_000), big(1_999_999_990)).unwrap(),
        250
    );
    for limit in [0, 100_000_000, 500_000_000, 1_499_999_999, 1_500_000_000] {
        let e = stake::max_amount_add(d(150_000_000_000, 100_000_000_000), big(limit));
        assert_eq!(thrown_code(e.unwrap_err()), "PriceLimitExceeded", "{limit}");
    }
    let e = stake::max_amount_remove(d(0, 1_000_000_000), big(100)).unwrap_err();
    assert_eq!(thrown_code(e), "ReservesTooLow");
    let e = stake::max_amount_remove(d(1_000_000_000, 0), big(100)).unwrap_err();
    assert_eq!(thrown_code(e), "PriceLimitExceeded");
}

#[wasm_bindgen_test]
fn v5_v6_minimum_and_strict_limit() {
    assert_eq!(
        js_swap(&p1(), SwapDirection::Buy, 2_001_007, 1_000_000_000_000_000)
            .map(|(d, fee, _)| (d, fee)),
        Ok((2_000_000, 1_007))
    );
    assert_eq!(
        js_swap(&p4(), SwapDirection::Buy, 1_000_000_000, 36_999_901),
        Err("PriceLimitExceeded".into())
    );
    assert_eq!(
        js_swap(&p4(), SwapDirection::Buy, 1_000_000_000, 36_999_902),
        Ok((579_359, 1_737, 15_658_393))
    );
}

#[wasm_bindgen_test]
fn share_pool_values() {
    let sf = |m: u64, e: i64| {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"mantissa".into(), &JsValue::from(m as u128)).unwrap();
        js_sys::Reflect::set(&o, &"exponent".into(), &JsValue::from(e)).unwrap();
        JsValue::from(o)
    };
    // test_get_value: 100·3/10 and 100·7/10.
    assert_eq!(
        stake::stake_value(big(100), sf(3, 0), sf(10, 0)).unwrap(),
        30
    );
    assert_eq!(
        stake::stake_value(big(100), sf(7, 0), sf(10, 0)).unwrap(),
        70
    );
    // Zero denominator: 0, as the core.
    assert_eq!(stake::stake_value(big(100), sf(7, 0), sf(0, 0)).unwrap(), 0);
    // A v1 U64F64 share of 0.5 (bits 2^63) is the SafeFloat 5·10^20 · 10^-21.
    let half = stake::safe_float_from_u64f64_bits(JsValue::from(1u128 << 63)).unwrap();
    assert_eq!(keys(&half), sorted(&["mantissa", "exponent"]));
    let core_half = core_stake::SafeFloat::from_u64f64_bits(1u128 << 63);
    assert_eq!(
        u128::try_from(get(&half, "mantissa")).unwrap(),
        core_half.mantissa
    );
    assert_eq!(
        i64::try_from(get(&half, "exponent")).unwrap(),
        core_half.exponent
    );
    assert_eq!(stake::stake_value(big(1_000), half, sf(1, 0)).unwrap(), 500);
}

#[wasm_bindgen_test]
fn amounts_parse_and_format() {
    assert_eq!(amount::parse_rao("1.5".into()).unwrap(), 1_500_000_000);
    assert_eq!(amount::parse_rao(".25".into()).unwrap(), 250_000_000);
    assert_eq!(
        amount::parse_rao("18446744073.709551615".into()).unwrap(),
        u64::MAX
    );
    assert_eq!(amount::format_rao(big(1_500_000_000)).unwrap(), "1.5");
    assert_eq!(amount::format_rao(big(1)).unwrap(), "0.000000001");
    assert_eq!(
        amount::format_rao(big(u64::MAX)).unwrap(),
        "18446744073.709551615"
    );
    assert_eq!(
        amount::format_rao_fixed(big(1_234_567_891), num(4.0)).unwrap(),
        "1.2345"
    );
    assert_eq!(
        amount::format_rao_fixed(big(1_999_999_999), num(2.0)).unwrap(),
        "1.99"
    );
    assert_eq!(
        amount::parse_units("12.34".into(), num(2.0)).unwrap(),
        1_234
    );
    // The JS return value is a bigint.
    assert!(JsValue::from(amount::parse_rao("2".into()).unwrap()).is_bigint());
    for (bad, code) in [
        ("", "Empty"),
        (".", "Empty"),
        ("-1", "Negative"),
        ("1,5", "InvalidCharacter"),
        ("1.5e3", "InvalidCharacter"),
        (" 1", "InvalidCharacter"),
        ("1.2.3", "InvalidCharacter"),
        ("1.0000000001", "TooManyDecimals"),
        ("18446744073.709551616", "Overflow"),
    ] {
        let e = amount::parse_rao(bad.into()).unwrap_err();
        assert_eq!(thrown_code(e), code, "{bad:?}");
    }
}

// ---- binding vs core on seeded random pools -------------------------------------------------

/// SplitMix64: a fixed seed gives the same cases in Node and Chromium.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Log-uniform-ish in `[1, 10^digits)`.
    fn magnitude(&mut self, max_digits: u32) -> u64 {
        let digits = 1 + self.below(u64::from(max_digits)) as u32;
        1 + self.below(10u64.pow(digits))
    }
    fn pool(&mut self) -> Pool {
        let quote_weight = match self.below(4) {
            0 => core_stake::DEFAULT_QUOTE_WEIGHT,
            _ => {
                core_stake::MIN_WEIGHT
                    + self.below(core_stake::MAX_WEIGHT - core_stake::MIN_WEIGHT + 1)
            }
        };
        Pool {
            tao_reserve: self.magnitude(16),
            alpha_reserve: self.magnitude(17),
            quote_weight,
            fee_rate: match self.below(3) {
                0 => 33,
                1 => 0,
                _ => self.below(10_001) as u16,
            },
            mechanism: if self.below(10) == 0 {
                0
            } else {
                DYNAMIC_MECHANISM
            },
        }
    }
}

#[wasm_bindgen_test]
fn random_pools_match_the_core() {
    let mut rng = Rng(0x7a0_11687);
    let cases = 300;
    for i in 0..cases {
        let p = rng.pool();
        let q = rng.pool();
        let amount = rng.magnitude(15);
        let tolerance = rng.below(200_000_000);
        let limit = rng.magnitude(12);
        let what =
            format!("case {i}: {p:?}, amount {amount}, tolerance {tolerance}, limit {limit}");
        let (pj, qj) = (pool_js(&p), pool_js(&q));

        assert_eq!(
            stake::price_bits(pj.clone()).unwrap(),
            p.price_bits(),
            "{what}"
        );
        assert_eq!(
            stake::current_alpha_price(pj.clone()).unwrap(),
            p.current_alpha_price(),
            "{what}"
        );
        for d in [SwapDirection::Buy, SwapDirection::Sell] {
            same(
                stake::do_swap(pj.clone(), dir_js(d), big(amount), big(limit), None),
                p.swap(d, amount, limit, false),
                assert_swap_result,
                &what,
            );
        }
        assert_sim(
            &stake::sim_swap_tao_for_alpha(pj.clone(), big(amount)).unwrap(),
            &p.sim_swap_tao_for_alpha(amount),
        );
        assert_sim(
            &stake::sim_swap_alpha_for_tao(pj.clone(), big(amount)).unwrap(),
            &p.sim_swap_alpha_for_tao(amount),
        );
        let tol = num(tolerance as f64);
        same(
            stake::quote_stake(pj.clone(), big(amount), tol.clone()),
            p.quote_stake(amount, tolerance),
            assert_quote,
            &what,
        );
        same(
            stake::quote_unstake(pj.clone(), big(amount), tol.clone()),
            p.quote_unstake(amount, tolerance),
            assert_quote,
            &what,
        );
        same(
            stake::quote_move(pj.clone(), qj.clone(), big(amount), i % 7 == 0, tol.clone()),
            core_stake::quote_move(&p, &q, amount, i % 7 == 0, tolerance),
            assert_move,
            &what,
        );
        same(
            stake::buy_limit_for_tolerance(pj.clone(), tol.clone()),
            p.buy_limit_for_tolerance(tolerance),
            |a, b| assert_eq!(a, b),
            &what,
        );
        same(
            stake::sell_limit_for_tolerance(pj.clone(), tol.clone()),
            p.sell_limit_for_tolerance(tolerance),
            |a, b| assert_eq!(a, b),
            &what,
        );
        same(
            stake::max_amount_add(pj.clone(), big(limit)),
            p.max_amount_add(limit),
            |a, b| assert_eq!(a, b),
            &what,
        );
        same(
            stake::max_amount_remove(pj.clone(), big(limit)),
            p.max_amount_remove(limit),
            |a, b| assert_eq!(a, b),
            &what,
        );
        same(
            stake::max_amount_move(pj.clone(), qj.clone(), big(limit)),
            core_stake::max_amount_move(&p, &q, limit),
            |a, b| assert_eq!(a, b),
            &what,
        );
        assert_eq!(
            stake::price_ratio(pj.clone(), qj.clone()).unwrap(),
            core_stake::price_ratio(&p, &q),
            "{what}"
        );
        // The inverse quotes run a binary search (~64 swaps each): every 10th case.
        if i % 10 == 0 {
            same(
                stake::tao_needed_for_alpha(pj.clone(), big(amount)),
                p.tao_needed_for_alpha(amount),
                |a, b| assert_eq!(a, b),
                &what,
            );
            same(
                stake::alpha_needed_for_tao(pj.clone(), big(amount)),
                p.alpha_needed_for_tao(amount),
                |a, b| assert_eq!(a, b),
                &what,
            );
        }
        // Amount strings: format then parse gives the same rao, as the core.
        let text = amount::format_rao(big(amount)).unwrap();
        assert_eq!(text, taolight_core::amount::format_rao(amount));
        assert_eq!(amount::parse_rao(text.into()).unwrap(), amount);
    }
}

// ---- bad input -----------------------------------------------------------------------------

#[wasm_bindgen_test]
fn bad_amounts_are_typed_errors() {
    let p = pool_js(&p1());
    let tol = num(0.0);
    let code = |v: JsValue| thrown_code(stake::quote_stake(p.clone(), v, tol.clone()).unwrap_err());
    // Negative, above u64::MAX, a number, a string, undefined: InvalidArgument, never wrapped.
    assert_eq!(code(JsValue::from(-1i64)), "InvalidArgument");
    assert_eq!(
        code(JsValue::from(u128::from(u64::MAX) + 1)),
        "InvalidArgument"
    );
    assert_eq!(code(num(1e9)), "InvalidArgument");
    assert_eq!(code("1000000000".into()), "InvalidArgument");
    assert_eq!(code(JsValue::UNDEFINED), "InvalidArgument");
    // Zero amount: the core's ZeroAmount.
    assert_eq!(code(big(0)), "ZeroAmount");
    // u64::MAX is accepted as input (and refused by the pool, as the chain would).
    assert_eq!(code(big(u64::MAX)), "SwapInputTooLarge");
    assert_eq!(
        thrown_code(amount::format_rao(JsValue::from(-5i64)).unwrap_err()),
        "InvalidArgument"
    );
    assert_eq!(
        thrown_code(amount::parse_rao(JsValue::from_f64(1.5)).unwrap_err()),
        "InvalidArgument"
    );
    assert_eq!(
        thrown_code(amount::format_rao_fixed(big(1), num(-1.0)).unwrap_err()),
        "InvalidArgument"
    );
    assert_eq!(
        thrown_code(amount::parse_units("1".into(), num(0.5)).unwrap_err()),
        "InvalidArgument"
    );
    assert_eq!(
        thrown_code(stake::price_bits(JsValue::from(-1i64)).unwrap_err()),
        "InvalidArgument"
    );
    assert_eq!(
        thrown_code(stake::safe_float_from_u64f64_bits(JsValue::from(-1i64)).unwrap_err()),
        "InvalidArgument"
    );
}

#[wasm_bindgen_test]
fn bad_pools_and_tolerances_are_typed_errors() {
    let with = |name: &str, v: JsValue| {
        let p = pool_js(&p1());
        js_sys::Reflect::set(&p, &name.into(), &v).unwrap();
        p
    };
    let quote =
        |p: JsValue| thrown_code(stake::quote_stake(p, big(1_000_000_000), num(0.0)).unwrap_err());
    // Zero reserves: ReservesTooLow (wallet quotes refuse zero pools).
    assert_eq!(quote(with("taoReserve", big(0))), "ReservesTooLow");
    assert_eq!(quote(with("alphaReserve", big(0))), "ReservesTooLow");
    assert_eq!(quote(pool_js(&Pool::with_defaults(0, 0))), "ReservesTooLow");
    // Weight and fee out of the chain's ranges.
    assert_eq!(quote(with("quoteWeight", big(0))), "InvalidWeight");
    assert_eq!(
        quote(with("quoteWeight", big(995_000_000_000_000_000))),
        "InvalidWeight"
    );
    assert_eq!(quote(with("feeRate", num(10_001.0))), "InvalidFeeRate");
    // Wrong JS types or ranges for fields: InvalidArgument.
    assert_eq!(quote(with("feeRate", num(65_536.0))), "InvalidArgument");
    assert_eq!(quote(with("feeRate", num(3.5))), "InvalidArgument");
    assert_eq!(quote(with("mechanism", num(-1.0))), "InvalidArgument");
    assert_eq!(quote(with("taoReserve", num(1e9))), "InvalidArgument");
    assert_eq!(
        quote(with("alphaReserve", JsValue::from(-1i64))),
        "InvalidArgument"
    );
    assert_eq!(
        quote(with("quoteWeight", JsValue::UNDEFINED)),
        "InvalidArgument"
    );
    assert_eq!(quote(JsValue::NULL), "InvalidArgument");
    assert_eq!(quote("pool".into()), "InvalidArgument");
    // Tolerances: 100 % or more is the core's InvalidTolerance; negative or fractional is refused.
    let tol = |t: JsValue| {
        thrown_code(stake::quote_stake(pool_js(&p1()), big(1_000_000_000), t).unwrap_err())
    };
    assert_eq!(tol(num(1e9)), "InvalidTolerance");
    assert_eq!(tol(JsValue::from(u64::MAX)), "InvalidTolerance");
    assert_eq!(tol(num(-1.0)), "InvalidArgument");
    assert_eq!(tol(num(0.5)), "InvalidArgument");
    assert_eq!(tol(num(f64::NAN)), "InvalidArgument");
    // A tolerance may also be a bigint.
    assert!(stake::quote_stake(pool_js(&p1()), big(1_000_000_000), big(5_000_000)).is_ok());
    // Direction names.
    let e = stake::do_swap(pool_js(&p1()), "stake".into(), big(1), big(1), None).unwrap_err();
    assert_eq!(thrown_code(e), "InvalidArgument");
    // Unreachable inverse quote: more alpha than the pool holds.
    let e = stake::tao_needed_for_alpha(pool_js(&p1()), big(4_000_000_000)).unwrap_err();
    assert_eq!(thrown_code(e), "Unreachable");
    // SafeFloat with a mantissa above 10^21.
    let o = js_sys::Object::new();
    js_sys::Reflect::set(&o, &"mantissa".into(), &JsValue::from(10u128.pow(21) + 1)).unwrap();
    js_sys::Reflect::set(&o, &"exponent".into(), &JsValue::from(0i64)).unwrap();
    let e = stake::stake_value(big(1), o.clone().into(), o.into()).unwrap_err();
    assert_eq!(thrown_code(e), "InvalidArgument");
}

#[wasm_bindgen_test]
fn pool_with_defaults_round_trips() {
    let p = stake::pool_with_defaults(big(1_000_000_000), big(4_000_000_000)).unwrap();
    assert_eq!(
        keys(&p),
        sorted(&[
            "taoReserve",
            "alphaReserve",
            "quoteWeight",
            "feeRate",
            "mechanism"
        ])
    );
    assert_eq!(u64_of(&p, "quoteWeight"), core_stake::DEFAULT_QUOTE_WEIGHT);
    assert_eq!(get(&p, "feeRate").as_f64(), Some(33.0));
    assert_eq!(get(&p, "mechanism").as_f64(), Some(1.0));
    // It is P1: the price of the spec.
    assert_eq!(stake::current_alpha_price(p).unwrap(), 250_000_000);
}
