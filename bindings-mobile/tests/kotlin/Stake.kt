// The stake calculator and amounts through the uniffi Kotlin bindings on the JVM, checked
// against the spec vectors of subtensor-staking.md §7. Run from the repo root by stage 30
// (class taolight.tests.stake.StakeKt). Prints "N passed, N failed"; exits non-zero on failure.
package taolight.tests.stake

import kotlin.system.exitProcess
import uniffi.taolight_mobile.*

private var passed = 0
private var failed = 0

private fun test(name: String, body: () -> Unit) {
    try {
        body()
        passed++
        println("ok   $name")
    } catch (e: Throwable) {
        failed++
        println("FAIL $name: $e")
    }
}

private inline fun <reified E : TaolightException> expectError(body: () -> Unit) {
    try {
        body()
    } catch (e: TaolightException) {
        check(e is E) { "expected ${E::class.simpleName}, got ${e::class.simpleName}: ${e.message}" }
        check(!e.message.isNullOrEmpty()) { "error without a message" }
        return
    }
    error("expected ${E::class.simpleName}, nothing was thrown")
}

// P4 of the spec: SubnetTAO, SubnetAlphaIn, SwapBalancer.quote, FeeRate 196, dynamic.
val P4 = Pool(45_678_912_345_678uL, 1_234_567_890_123_456uL, 500_000_123_456_789_012uL, 196u.toUShort(), 1u.toUShort())

fun main() {
    test("P4 price and V1 stake quote (100 TAO)") {
        check(currentAlphaPrice(P4) == 36_999_901uL)
        check(priceBits(P4) == "682527705632922113")
        val q = quoteStake(P4, parseRao("100"), 5_000_000uL)
        check(q.direction == SwapDirection.BUY)
        check(q.amountOut == 2_688_758_140_345uL) { q.toString() }
        check(q.fee == 299_076_829uL && q.swappedIn == 99_700_923_171uL) { q.toString() }
        check(q.priceAfter == 37_161_592uL) { q.toString() }
        check(formatRao(q.amountOut) == "2688.758140345")
    }
    test("V2 unstake quote, V3 max amount at +1 %") {
        check(quoteUnstake(P4, 1_000_000_000_000uL, 0uL).amountOut == 36_859_476_054uL)
        check(buyLimitForTolerance(P4, 10_000_000uL) == 37_369_900uL)
        check(maxAmountAdd(P4, 37_369_900uL) == 228_509_731_546uL)
    }
    test("bad input throws typed exceptions") {
        expectError<TaolightException.ZeroAmount> { quoteStake(P4, 0uL, 0uL) }
        expectError<TaolightException.ReservesTooLow> { quoteStake(poolWithDefaults(0uL, 0uL), 1uL, 0uL) }
        expectError<TaolightException.InvalidTolerance> { quoteStake(P4, 1uL, 1_000_000_000uL) }
        expectError<TaolightException.PriceLimitExceeded> { doSwap(P4, SwapDirection.BUY, 1_000_000_000uL, 36_999_901uL, false) }
        expectError<TaolightException.InvalidWeight> { currentAlphaPrice(P4.copy(quoteWeight = 0uL)) }
        expectError<TaolightException.TooManyDecimals> { parseRao("1.0000000001") }
        expectError<TaolightException.Negative> { parseRao("-1") }
    }
    println("$passed passed, $failed failed")
    if (failed > 0) exitProcess(1)
}
