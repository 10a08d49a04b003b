//! Chain vectors (spec §7.1, verbatim chain unit-test values) and computed vectors (§7.2),
//! asserted with exact equality.

use alloc::vec;
use alloc::vec::Vec;

use super::power::{ScaledPower, pow_ratio_scaled, uses_exact_path};
use super::*;

const E18: u64 = 1_000_000_000_000_000_000;
/// The chain's unit-test mock uses `SwapMinimumReserve = 100`.
const MOCK_MIN_RESERVE: u64 = 100;

fn pool(y: u64, x: u64, w2: u64, fee: u16) -> Pool {
    Pool::new(y, x, w2, fee, DYNAMIC_MECHANISM).expect("valid test pool")
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

// ---- §7.1 power routine and balancer ------------------------------------------------------

#[test]
fn perquintill_power_chain_vector() {
    // test_perquintill_power: (21e15/28e15)^(0.6/0.4) at precision 4096.
    let r = pow_ratio_scaled(
        21_000_000_000_000_000,
        28_000_000_000_000_000,
        600_000_000_000_000_000,
        400_000_000_000_000_000,
        4096,
    );
    assert_eq!(r, ScaledPower::Value(649_519_052_838_328_985));
}

fn quarter_pool() -> Pool {
    // w2 = from_rational(250e9, 1e12) = 0.25
    pool(1_000_000_000, 1_000_000_000, 250_000_000_000_000_000, 33)
}

#[test]
fn quote_and_base_delta_in_chain_vectors() {
    let p = quarter_pool();
    let cur = fixed::from_bits(1_844_674_407_370_955_264); // from_num(0.1)
    let target = fixed::from_bits(3_689_348_814_741_910_528); // from_num(0.2)
    assert_eq!(quote_delta_in(&p, cur, target, 1_000_000_000), 681_792_830);
    assert_eq!(base_delta_in(&p, target, cur, 1_000_000_000), 189_207_115);
    // Impossible directions give 0.
    assert_eq!(quote_delta_in(&p, target, cur, 1_000_000_000), 0);
    assert_eq!(base_delta_in(&p, cur, target, 1_000_000_000), 0);
}

#[test]
fn base_needed_for_quote_chain_vector() {
    assert_eq!(quarter_pool().base_needed_for_quote(1_123_432), 374_758);
}

#[test]
fn mul_perquintill_round_chain_vectors() {
    use weights::mul_perquintill_round;
    let half = E18 / 2;
    let got: Vec<u128> = [0u128, 1, 2, 3, 4, 5, 1023, 1025]
        .iter()
        .map(|&v| mul_perquintill_round(half, v))
        .collect();
    assert_eq!(got, vec![0, 1, 1, 2, 2, 3, 512, 513]);
    let third = weights::perquintill_from_rational_down(1, 3);
    let got: Vec<u128> = [3u128, 4, 5, 6]
        .iter()
        .map(|&v| mul_perquintill_round(third, v))
        .collect();
    assert_eq!(got, vec![1, 1, 2, 2]);
}

#[test]
fn share_pool_get_value_chain_vector() {
    let d = SafeFloat::from_u64(10);
    assert_eq!(stake_value(100, SafeFloat::from_u64(3), d), 30);
    assert_eq!(stake_value(100, SafeFloat::from_u64(7), d), 70);
}

#[test]
fn exp_scaled_exact_bits() {
    let w = |num: u64, den: u64| pool(1, 1, E18 / den * num, 0);
    assert_eq!(
        w(5, 10).exp_base_quote(100_000, 100).to_bits(),
        18_428_315_757_951_599_997
    );
    assert_eq!(
        w(1, 4).exp_base_quote(500_000, 5_000).to_bits(),
        17_904_228_059_285_152_206
    );
    assert_eq!(
        w(3, 4).exp_quote_base(200_000, 2_000).to_bits(),
        17_904_228_059_285_152_206
    );
    assert_eq!(
        w(9, 10).exp_quote_base(13_513_642, 1_673).to_bits(),
        18_426_203_291_771_111_799
    );
    assert_eq!(
        w(773, 1000).exp_base_quote(7_000_000_000, 10_000).to_bits(),
        18_446_736_335_016_083_878
    );
}

// ---- §7.1 max amount add/remove (test_max_amount_{add,remove}_dynamic), mock reserve 100 ---

#[test]
fn max_amount_add_chain_cases() {
    let ok: [(u64, u64, u64, u64); 8] = [
        (100, 100, 1_100_000_000, 4),
        (1_000, 1_000, 1_100_000_000, 48),
        (10_000, 10_000, 1_100_000_000, 488),
        (150_000_000_000, 100_000_000_000, 1_500_000_001, 49),
        (1_000_000, 1_000_000, 4_000_000_000, 1_000_503),
        (
            1_000_000_000_000,
            1_000_000_000_000,
            16_000_000_000,
            3_001_511_404_231,
        ),
        (
            150_000_000_000,
            100_000_000_000,
            6_000_000_000,
            150_075_570_211,
        ),
        (u64::MAX / 2, u64::MAX, u64::MAX, u64::MAX),
    ];
    for (y, x, limit, expected) in ok {
        let p = Pool::with_defaults(y, x);
        assert_eq!(
            p.max_amount_add_with(limit, MOCK_MIN_RESERVE),
            Ok(expected),
            "add ({y}, {x}, {limit})"
        );
    }
    let err: [(u64, u64, u64); 6] = [
        (1_000_000_000, 1_000_000_000, 0),
        (150_000_000_000, 100_000_000_000, 0),
        (150_000_000_000, 100_000_000_000, 100_000_000),
        (150_000_000_000, 100_000_000_000, 500_000_000),
        (150_000_000_000, 100_000_000_000, 1_499_999_999),
        (150_000_000_000, 100_000_000_000, 1_500_000_000),
    ];
    for (y, x, limit) in err {
        let p = Pool::with_defaults(y, x);
        assert_eq!(
            p.max_amount_add_with(limit, MOCK_MIN_RESERVE),
            Err(StakeError::PriceLimitExceeded),
            "add ({y}, {x}, {limit})"
        );
    }
}

#[test]
fn max_amount_remove_chain_cases() {
    let ok: [(u64, u64, u64, u64); 9] = [
        (200_000_000_000, 100_000_000_000, 1_999_999_999, 24),
        (1_001, 1_001, 10_000, 17_472),
        (1_001, 1_001, 10_000_000, 9_013),
        (1_001, 1_001, 100_000_000, 2_165),
        (200_000_000_000, 100_000_000_000, 1_999_999_990, 250),
        (
            21_000_000_000_000_000,
            1_000_000,
            21_000_000_000_000_000,
            17_455_533,
        ),
        (21_000_000_000_000_000, 1_000_000, u64::MAX, 66_997),
        (1_000_000, 1_000_000, 250_000_000, 1_000_503),
        // The same pool read the other way: limit below price by one rao step.
        (200_000_000_000, 100_000_000_000, 1_999_999_999, 24),
    ];
    for (y, x, limit, expected) in ok {
        let p = Pool::with_defaults(y, x);
        assert_eq!(
            p.max_amount_remove_with(limit, MOCK_MIN_RESERVE),
            Ok(expected),
            "remove ({y}, {x}, {limit})"
        );
    }
    let err: [(u64, u64, u64, StakeError); 4] = [
        (0, 1_000_000_000, 100, StakeError::ReservesTooLow),
        (1_000_000_000, 0, 100, StakeError::PriceLimitExceeded),
        (
            200_000_000_000,
            100_000_000_000,
            2_000_000_000,
            StakeError::PriceLimitExceeded,
        ),
        (
            200_000_000_000,
            100_000_000_000,
            2_000_000_001,
            StakeError::PriceLimitExceeded,
        ),
    ];
    for (y, x, limit, e) in err {
        let p = Pool::with_defaults(y, x);
        assert_eq!(
            p.max_amount_remove_with(limit, MOCK_MIN_RESERVE),
            Err(e),
            "remove ({y}, {x}, {limit})"
        );
    }
}

#[test]
fn root_and_stable_limits() {
    let root = Pool::new(5_000, 7_000, E18 / 2, 33, 0).expect("valid");
    assert_eq!(root.max_amount_add(1_000_000_000), Ok(u64::MAX));
    assert_eq!(root.max_amount_add(999_999_999), Ok(0));
    assert_eq!(root.max_amount_remove(1_000_000_000), Ok(u64::MAX));
    assert_eq!(root.max_amount_remove(1_000_000_001), Ok(0));
    assert_eq!(root.current_alpha_price(), 1_000_000_000);
    let r = root
        .swap(SwapDirection::Buy, 123_456, 0, false)
        .expect("1:1");
    assert_eq!(
        (r.amount_paid_in, r.amount_paid_out, r.fee_paid),
        (123_456, 123_456, 0)
    );
    let sim = root.sim_swap_alpha_for_tao(777);
    assert_eq!(
        (sim.tao_amount, sim.alpha_amount, sim.alpha_fee),
        (777, 777, 0)
    );
}

// ---- §7.2 computed vectors ------------------------------------------------------------------

#[test]
fn fallback_path_pow_vectors() {
    let w2 = 499_123_456_789_012_345u64;
    let w1 = E18 - w2;
    assert!(!uses_exact_path(w1, w2));
    assert_eq!(
        pow_ratio_scaled(987_654_321_098_765, 987_655_321_098_765, w1, w2, 256),
        ScaledPower::Value(999_998_983_944_796_286)
    );
    assert_eq!(
        p3().exp_base_quote(987_654_321_098_765, 1_000_000_000)
            .to_bits(),
        18_446_725_330_799_243_943
    );
    assert_eq!(
        pow_ratio_scaled(123_456_789_012_345, 123_457_788_508_798, w2, w1, 256),
        ScaledPower::Value(999_991_932_479_881_601)
    );
    assert_eq!(
        pow_ratio_scaled(
            2_337_081_279_030_435_917,
            2_313_941_870_309_591_110,
            w1,
            E18,
            1024
        ),
        ScaledPower::Value(1_004_996_325_396_207_483)
    );
    assert!(uses_exact_path(E18 / 2, E18 / 2));
    assert!(uses_exact_path(6 * E18 / 10, 4 * E18 / 10));
}

#[test]
fn pool_prices() {
    let cases = [
        (p1(), 4_611_686_018_427_387_904u128, 250_000_000u64),
        (p2(), 2_459_565_876_494_606_881, 133_333_333),
        (p3(), 2_313_941_870_309_591_110, 125_439_040),
        (p4(), 682_527_705_632_922_113, 36_999_901),
    ];
    for (p, bits, rao) in cases {
        assert_eq!(p.price_bits(), bits);
        assert_eq!(p.current_alpha_price(), rao);
    }
}

#[test]
fn swap_table_vectors() {
    use SwapDirection::{Buy, Sell};
    const MAXP: u64 = MAX_PRICE_RAO;
    const MINP: u64 = MIN_PRICE_RAO;
    // (pool, dir, amount, limit, d, fee, out)
    let rows: Vec<(Pool, SwapDirection, u64, u64, u64, u64, u64)> = vec![
        (p1(), Buy, 1_000, MAXP, 1_000, 0, 3_999),
        (p1(), Buy, 2_000, MAXP, 1_999, 1, 7_995),
        (p1(), Buy, 123_456, MAXP, 123_394, 62, 493_515),
        (p1(), Sell, 1_000, MINP, 1_000, 0, 249),
        (p1(), Sell, 2_000, MINP, 1_999, 1, 499),
        (p1(), Sell, 123_456, MINP, 123_394, 62, 30_847),
        (p1(), Buy, 2_000_000, MAXP, 1_998_993, 1_007, 7_980_019),
        (p1(), Sell, 2_000_000, MINP, 1_998_993, 1_007, 499_498),
        (
            p1(),
            Buy,
            1_000_000_000,
            MAXP,
            999_496_453,
            503_547,
            1_999_496_326,
        ),
        (
            p1(),
            Sell,
            1_000_000_000,
            MINP,
            999_496_453,
            503_547,
            199_919_424,
        ),
        (
            p1(),
            Buy,
            10_000_000_000,
            MAXP,
            9_994_964_523,
            5_035_477,
            3_636_197_098,
        ),
        (
            p1(),
            Buy,
            100_000_000_000,
            MAXP,
            99_949_645_228,
            50_354_772,
            3_960_376_284,
        ),
        (
            p1(),
            Sell,
            100_000_000_000,
            MINP,
            99_949_645_228,
            50_354_772,
            961_519_830,
        ),
        (
            p1(),
            Buy,
            10_000_000_000,
            252_500_000,
            4_987_562,
            2_512,
            19_851_238,
        ),
        (
            p1(),
            Sell,
            40_000_000_000,
            247_500_000,
            20_151_261,
            10_152,
            5_012_562,
        ),
        (p2(), Buy, 2_000_000, MAXP, 1_998_993, 1_007, 14_992_443),
        (p2(), Sell, 2_000_000, MINP, 1_998_993, 1_007, 266_532),
        (
            p2(),
            Buy,
            1_000_000_000,
            MAXP,
            999_496_453,
            503_547,
            7_495_286_950,
        ),
        (
            p2(),
            Sell,
            1_000_000_000,
            MINP,
            999_496_453,
            503_547,
            133_263_973,
        ),
        (
            p2(),
            Buy,
            100_000_000_000,
            MAXP,
            99_949_645_228,
            50_354_772,
            740_364_773_573,
        ),
        (
            p2(),
            Sell,
            100_000_000_000,
            MINP,
            99_949_645_228,
            50_354_772,
            13_304_458_890,
        ),
        (
            p2(),
            Buy,
            100_000_000_000_000,
            134_666_666,
            39_880_615_988,
            20_091_910,
            297_620_466_869,
        ),
        (
            p2(),
            Sell,
            500_000_000_000_000,
            132_000_000,
            302_420_988_938,
            152_360_120,
            40_120_644_190,
        ),
        (p3(), Buy, 2_000_000, MAXP, 1_998_993, 1_007, 15_935_971),
        (p3(), Sell, 2_000_000, MINP, 1_998_993, 1_007, 250_751),
        (
            p3(),
            Buy,
            1_000_000_000,
            MAXP,
            999_496_453,
            503_547,
            7_967_921_105,
        ),
        (
            p3(),
            Sell,
            1_000_000_000,
            MINP,
            999_496_453,
            503_547,
            125_375_748,
        ),
        (
            p3(),
            Buy,
            100_000_000_000,
            MAXP,
            99_949_645_228,
            50_354_772,
            796_155_116_829,
        ),
        (
            p3(),
            Sell,
            100_000_000_000,
            MINP,
            99_949_645_228,
            50_354_772,
            12_536_316_668,
        ),
        (
            p3(),
            Buy,
            10_000_000_000_000,
            MAXP,
            9_994_964_522_775,
            5_035_477_225,
            73_722_088_148_917,
        ),
        (
            p3(),
            Sell,
            10_000_000_000_000,
            MINP,
            9_994_964_522_775,
            5_035_477_225,
            1_241_176_043_944,
        ),
        (
            p3(),
            Buy,
            1_234_567_890_123_450,
            126_693_430,
            616_830_290_276,
            310_759_970,
            4_892_966_934_861,
        ),
        (
            p3(),
            Sell,
            9_876_543_210_987_650,
            124_184_650,
            4_966_874_377_556,
            2_502_318_317,
            619_916_932_685,
        ),
        (p4(), Buy, 2_000_000, MAXP, 1_994_019, 5_981, 53_892_547),
        (p4(), Sell, 2_000_000, MINP, 1_994_019, 5_981, 73_778),
        (
            p4(),
            Buy,
            1_000_000_000,
            MAXP,
            997_009_232,
            2_990_768,
            26_945_679_385,
        ),
        (
            p4(),
            Sell,
            1_000_000_000,
            MINP,
            997_009_232,
            2_990_768,
            36_889_213,
        ),
        (
            p4(),
            Buy,
            100_000_000_000,
            MAXP,
            99_700_923_171,
            299_076_829,
            2_688_758_140_345,
        ),
        (
            p4(),
            Sell,
            100_000_000_000,
            MINP,
            99_700_923_171,
            299_076_829,
            3_688_626_407,
        ),
        (
            p4(),
            Buy,
            456_789_123_456_780,
            37_369_900,
            227_826_311_887,
            683_419_659,
            6_126_925_936_323,
        ),
        (
            p4(),
            Sell,
            12_345_678_901_234_560,
            36_629_902,
            6_219_527_355_735,
            18_656_963_861,
            228_968_396_171,
        ),
    ];
    for (i, (p, dir, amount, limit, d, fee, out)) in rows.into_iter().enumerate() {
        let r = p.swap(dir, amount, limit, false).expect("row swaps");
        assert_eq!(
            (
                r.amount_paid_in,
                r.fee_paid,
                r.amount_paid_out,
                r.fee_to_block_author
            ),
            (d, fee, out, fee),
            "row {i}: {dir:?} {amount} at {limit}"
        );
    }
    // drop_fees
    let r = p3()
        .swap(Buy, 1_000_000_000, MAXP, true)
        .expect("drop fees swap");
    assert_eq!(
        (r.amount_paid_in, r.fee_paid, r.amount_paid_out),
        (1_000_000_000, 0, 7_971_935_317)
    );
}

#[test]
fn sim_swap_vectors() {
    assert_eq!(
        p3().sim_swap_tao_for_alpha(1_000_000_000),
        SimSwapResult {
            tao_amount: 999_496_453,
            alpha_amount: 7_967_921_105,
            tao_fee: 503_547,
            alpha_fee: 0,
            tao_slippage: 0,
            alpha_slippage: 4_078_671
        }
    );
    assert_eq!(
        p3().sim_swap_alpha_for_tao(1_000_000_000_000),
        SimSwapResult {
            tao_amount: 125_248_902_270,
            alpha_amount: 999_496_452_278,
            tao_fee: 0,
            alpha_fee: 503_547_722,
            tao_slippage: 190_137_869,
            alpha_slippage: 0
        }
    );
    assert_eq!(
        p4().sim_swap_tao_for_alpha(10_000_000_000),
        SimSwapResult {
            tao_amount: 9_970_092_318,
            alpha_amount: 269_403_873_728,
            tao_fee: 29_907_682,
            alpha_fee: 0,
            tao_slippage: 0,
            alpha_slippage: 867_119_251
        }
    );
    assert_eq!(
        p4().sim_swap_alpha_for_tao(100_000_000_000),
        SimSwapResult {
            tao_amount: 3_688_626_407,
            alpha_amount: 99_700_923_171,
            tao_fee: 0,
            alpha_fee: 299_076_829,
            tao_slippage: 11_363_699,
            alpha_slippage: 0
        }
    );
    // Errors give zeros (sell on a pool with too little TAO to pay out).
    let dry = pool(10, 1_000_000_000, E18 / 2, 33);
    assert_eq!(dry.sim_swap_alpha_for_tao(1_000), SimSwapResult::default());
}

#[test]
fn v1_add_stake_p4() {
    let mut p = p4();
    let o = p.add_stake(100_000_000_000).expect("add_stake");
    assert_eq!(o.tao_spent, 100_000_000_000);
    assert_eq!(o.swap.amount_paid_out, 2_688_758_140_345);
    assert_eq!(o.author_tao, 299_076_829);
    assert_eq!(
        (p.tao_reserve, p.alpha_reserve),
        (45_778_613_268_849, 1_231_879_131_983_111)
    );
    assert_eq!(p.current_alpha_price(), 37_161_592);
}

#[test]
fn v2_remove_stake() {
    let mut p = p4();
    let o = p
        .remove_stake(1_000_000_000_000, false)
        .expect("remove_stake");
    assert_eq!(o.swap.amount_paid_out, 36_859_476_054);
    assert_eq!(o.swap.amount_paid_in, 997_009_231_709);
    assert_eq!(o.swap.fee_paid, 2_990_768_291);
    assert_eq!(o.author_alpha_sold, 2_990_768_291);
    assert_eq!(o.author_tao, 110_479_349);
    assert_eq!(
        (p.tao_reserve, p.alpha_reserve),
        (45_641_942_390_275, 1_235_567_890_123_456)
    );

    let mut p = p3();
    let o = p
        .remove_stake(1_000_000_000_000, false)
        .expect("remove_stake");
    assert_eq!(o.swap.amount_paid_out, 125_248_902_270);
    assert_eq!(o.swap.fee_paid, 503_547_722);
    assert_eq!(o.author_tao, 63_036_636);
    assert_eq!(
        (p.tao_reserve, p.alpha_reserve),
        (123_331_477_073_439, 988_654_321_098_765)
    );

    let mut p = p3();
    let o = p.add_stake(1_000_000_000_000).expect("add_stake");
    assert_eq!(o.swap.amount_paid_out, 7_904_106_753_934);
    assert_eq!(o.swap.fee_paid, 503_547_722);
    assert_eq!(
        (p.tao_reserve, p.alpha_reserve),
        (124_456_285_464_623, 979_750_214_344_831)
    );
    assert_eq!(p.price_bits(), 2_351_494_153_245_038_049);
}

#[test]
fn v3_limits() {
    let p = p4();
    assert_eq!(p.max_amount_add(37_369_900), Ok(228_509_731_546));
    let mut q = p;
    let o = q
        .add_stake_limit(1_000_000_000_000_000, 37_369_900, true)
        .expect("partial add");
    assert_eq!(o.tao_spent, 228_509_731_546);
    assert_eq!(
        (
            o.swap.amount_paid_in,
            o.swap.fee_paid,
            o.swap.amount_paid_out
        ),
        (227_826_311_887, 683_419_659, 6_126_925_936_323)
    );
    let mut q = p;
    assert_eq!(
        q.add_stake_limit(1_000_000_000_000_000, 37_369_900, false),
        Err(StakeError::SlippageTooHigh)
    );
    assert_eq!(q, p, "a refused extrinsic leaves the pool unchanged");
    assert_eq!(p.max_amount_remove(36_629_902), Ok(6_238_184_319_596));
    assert_eq!(p3().max_amount_add(126_693_430), Ok(617_141_050_246));
    assert_eq!(p3().max_amount_remove(124_184_650), Ok(4_969_376_695_873));
}

#[test]
fn v4_max_amount_move() {
    assert_eq!(price_ratio(&p3(), &p4()), 3_390_253_393);
    assert_eq!(
        max_amount_move(&p3(), &p4(), 3_356_350_859),
        Ok(1_751_169_802_531)
    );
    // Above the current ratio: nothing; zero limit: unbounded.
    assert_eq!(max_amount_move(&p3(), &p4(), 3_390_253_394 + 10), Ok(0));
    assert_eq!(max_amount_move(&p3(), &p4(), 0), Ok(u64::MAX));
}

#[test]
fn v5_minimum_add_stake() {
    let p = p1();
    assert_eq!(
        p.validate_add_stake(2_001_006),
        Err(StakeError::AmountTooLow)
    );
    assert_eq!(p.validate_add_stake(2_001_007), Ok(()));
    let r = p
        .swap(SwapDirection::Buy, 2_001_007, MAX_PRICE_RAO, false)
        .expect("swap");
    assert_eq!((r.fee_paid, r.amount_paid_in), (1_007, 2_000_000));
}

#[test]
fn v6_strict_limit() {
    let p = p4();
    assert_eq!(
        p.swap(SwapDirection::Buy, 1_000_000_000, 36_999_901, false),
        Err(StakeError::PriceLimitExceeded)
    );
    let r = p
        .swap(SwapDirection::Buy, 1_000_000_000, 36_999_902, false)
        .expect("tiny partial fill");
    assert_eq!(
        (r.amount_paid_in, r.fee_paid, r.amount_paid_out),
        (579_359, 1_737, 15_658_393)
    );
}

// ---- bad input ------------------------------------------------------------------------------

#[test]
fn bad_input_gives_typed_errors() {
    assert_eq!(
        Pool::new(1, 1, E18 / 100 - 1, 33, 1),
        Err(StakeError::InvalidWeight)
    );
    assert_eq!(
        Pool::new(1, 1, E18 / 100 * 99 + 1, 33, 1),
        Err(StakeError::InvalidWeight)
    );
    assert_eq!(Pool::new(1, 1, 0, 33, 1), Err(StakeError::InvalidWeight));
    assert_eq!(
        Pool::new(1, 1, u64::MAX, 33, 1),
        Err(StakeError::InvalidWeight)
    );
    assert_eq!(
        Pool::new(1, 1, E18 / 2, 10_001, 1),
        Err(StakeError::InvalidFeeRate)
    );
    assert!(Pool::new(0, 0, E18 / 100, 10_000, 1).is_ok());
    // A literal pool with a bad weight is refused by every operation.
    let bad = Pool {
        quote_weight: 0,
        ..p1()
    };
    assert_eq!(
        bad.swap(SwapDirection::Buy, 1, MAX_PRICE_RAO, false),
        Err(StakeError::InvalidWeight)
    );
    assert_eq!(bad.max_amount_add(1), Err(StakeError::InvalidWeight));
    assert_eq!(bad.sim_swap_tao_for_alpha(5), SimSwapResult::default());
    // Zero reserves.
    let empty = pool(0, 0, E18 / 2, 33);
    // Chain order: the input-size guard (1000 × a zero reserve) fires first.
    assert_eq!(
        empty.swap(SwapDirection::Buy, 1_000, MAX_PRICE_RAO, false),
        Err(StakeError::SwapInputTooLarge)
    );
    assert_eq!(
        empty.swap(SwapDirection::Buy, 0, MAX_PRICE_RAO, false),
        Err(StakeError::ReservesTooLow)
    );
    assert_eq!(
        empty.swap(SwapDirection::Sell, 1_000, MIN_PRICE_RAO, false),
        Err(StakeError::SwapInputTooLarge)
    );
    assert_eq!(empty.quote_stake(1_000, 0), Err(StakeError::ReservesTooLow));
    // Overflowing amounts: input above 1000 × reserve.
    assert_eq!(
        p1().swap(SwapDirection::Buy, u64::MAX, MAX_PRICE_RAO, false),
        Err(StakeError::SwapInputTooLarge)
    );
    assert_eq!(
        p1().swap(SwapDirection::Sell, u64::MAX, MIN_PRICE_RAO, false),
        Err(StakeError::SwapInputTooLarge)
    );
    // Limits on the wrong side.
    assert_eq!(
        p1().swap(SwapDirection::Buy, 1_000, 200_000_000, false),
        Err(StakeError::PriceLimitExceeded)
    );
    assert_eq!(
        p1().swap(SwapDirection::Sell, 1_000, 300_000_000, false),
        Err(StakeError::PriceLimitExceeded)
    );
    assert_eq!(p1().quote_stake(0, 0), Err(StakeError::ZeroAmount));
    assert_eq!(
        p1().quote_stake(1_000, PPB),
        Err(StakeError::InvalidTolerance)
    );
    assert_eq!(
        p1().validate_remove_stake(0, true),
        Err(StakeError::ZeroAmount)
    );
    assert_eq!(
        p1().tao_needed_for_alpha(4_000_000_000),
        Err(StakeError::Unreachable)
    );
}

// ---- quotes ---------------------------------------------------------------------------------

#[test]
fn quote_stake_matches_swap_and_sim() {
    let p = p4();
    let q = p.quote_stake(100_000_000_000, 10_000_000).expect("quote");
    let sim = p.sim_swap_tao_for_alpha(100_000_000_000);
    assert_eq!(q.amount_out, sim.alpha_amount);
    assert_eq!(q.fee, sim.tao_fee);
    assert_eq!(q.swapped_in, sim.tao_amount);
    assert_eq!(q.ideal_out - q.amount_out, sim.alpha_slippage);
    assert_eq!(q.price_before, 36_999_901);
    assert_eq!(q.price_after, 37_161_592);
    // 1 % tolerance → limit 37_369_900 (= V3), and its executable maximum.
    assert_eq!(q.limit_price, 37_369_900);
    assert_eq!(q.max_at_limit, 228_509_731_546);
    assert!(q.price_impact_ppb > 0 && q.price_impact_ppb < 10_000_000);

    let u = p
        .quote_unstake(1_000_000_000_000, 10_000_000)
        .expect("quote");
    assert_eq!(u.amount_out, 36_859_476_054);
    assert_eq!(u.limit_price, 36_629_901);
    // price after includes the fee-alpha author swap (V2 reserves)
    let after = pool(
        45_641_942_390_275,
        1_235_567_890_123_456,
        p.quote_weight,
        196,
    );
    assert_eq!(u.price_after, after.current_alpha_price());
}

#[test]
fn inverse_quotes_are_minimal() {
    for p in [p1(), p3(), p4()] {
        for wanted in [1u64, 1_000, 123_456_789, 50_000_000_000] {
            // More alpha than the reserve holds is `Unreachable` (asserted elsewhere).
            let target = wanted.min(p.alpha_reserve / 2);
            let tao = p.tao_needed_for_alpha(target).expect("reachable");
            let out = |t: u64| {
                p.swap(SwapDirection::Buy, t, MAX_PRICE_RAO, false)
                    .map(|r| r.amount_paid_out)
            };
            assert!(out(tao).expect("swap") >= target);
            assert!(tao == 1 || out(tao - 1).unwrap_or(0) < target);
            let alpha = p
                .alpha_needed_for_tao(wanted.min(p.tao_reserve / 2))
                .expect("reachable");
            let out = |a: u64| {
                p.swap(SwapDirection::Sell, a, MIN_PRICE_RAO, false)
                    .map(|r| r.amount_paid_out)
            };
            assert!(out(alpha).expect("swap") >= wanted.min(p.tao_reserve / 2));
            assert!(alpha == 1 || out(alpha - 1).unwrap_or(0) < wanted.min(p.tao_reserve / 2));
        }
    }
}

#[test]
fn quote_move_between_dynamic_pools() {
    let q = quote_move(&p3(), &p4(), 1_000_000_000_000, false, 10_000_000).expect("move");
    // Leg 1 = remove_stake on P3 (V2), leg 2 fee-less.
    assert_eq!(q.tao_between, 125_248_902_270);
    assert_eq!(q.origin_fee, 503_547_722);
    assert_eq!(q.destination_fee, 0);
    let mut p3_after = p3();
    p3_after
        .unstake(1_000_000_000_000, MIN_PRICE_RAO, false)
        .expect("leg 1");
    let leg2 = p4()
        .swap(SwapDirection::Buy, 125_248_902_270, MAX_PRICE_RAO, true)
        .expect("leg 2");
    assert_eq!(q.alpha_out, leg2.amount_paid_out);
    assert_eq!(q.price_ratio, 3_390_253_393);
    assert_eq!(q.limit_price, 3_356_350_859);
    assert_eq!(q.max_at_limit, 1_751_169_802_531);
}

// ---- share pool -----------------------------------------------------------------------------

#[test]
fn safe_float_normalizes_and_converts() {
    let f = SafeFloat::from_u64(7);
    assert_eq!(f.mantissa, 700_000_000_000_000_000_000);
    assert_eq!(f.exponent, -20);
    assert_eq!(f.to_u64(), 7);
    assert_eq!(SafeFloat::from_u64(0), SafeFloat::ZERO);
    assert_eq!(SafeFloat::new(SAFE_FLOAT_MAX_PLUS_ONE, 0), None);
    // U64F64 2.5 → 2.5
    let half = SafeFloat::from_u64f64_bits((5u128 << 64) / 2);
    assert_eq!(
        (half.mantissa, half.exponent),
        (250_000_000_000_000_000_000, -20)
    );
    assert_eq!(stake_value(1_000, half, SafeFloat::from_u64(5)), 500);
    assert_eq!(stake_value(1_000, half, SafeFloat::ZERO), 0);
    assert_eq!(SafeFloat::from_u64(u64::MAX).to_u64(), u64::MAX);
}

const SAFE_FLOAT_MAX_PLUS_ONE: u128 = share_pool::SAFE_FLOAT_MAX + 1;

#[test]
fn share_pool_deposit_and_withdraw() {
    let mut pool = SharePool::default();
    let (mut a, mut b) = (SafeFloat::ZERO, SafeFloat::ZERO);
    pool.deposit(&mut a, 1_000);
    pool.deposit(&mut b, 3_000);
    assert_eq!(pool.value, 4_000);
    assert_eq!(pool.value_of(&a), 1_000);
    assert_eq!(pool.value_of(&b), 3_000);
    pool.add_value_for_all(400);
    assert_eq!(pool.value_of(&a), 1_100);
    assert_eq!(pool.value_of(&b), 3_300);
    pool.withdraw(&mut a, 1_100);
    assert!(a.is_zero());
    assert_eq!(pool.value_of(&b), 3_300);
    pool.withdraw(&mut b, 3_300);
    assert_eq!(pool, SharePool::default());
}
