// Keys and keystores through the uniffi Kotlin bindings on the JVM, checked against the
// published vectors (wallets.md §7: btwallet 4.1.1 and polkadot.js 14 agree on them) and the
// keystore fixtures written by those tools (core/tests/fixtures/keystore). Run from the repo root.
// Prints "N passed, N failed" and exits non-zero if anything failed.
import java.io.File
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking
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

private fun hex(s: String): ByteArray = ByteArray(s.length / 2) { s.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

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

const val ALICE_SR = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
val ALICE_SR_PUBLIC = hex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")
const val STOOL = "5F7cAYCZEBz21YEjzSZPGyP7W2fva7qUXDexxXsVezSHyktz"
fun fixture(name: String): ByteArray = File("core/tests/fixtures/keystore/$name").readBytes()
const val DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"
val HELLO = "hello bittensor".toByteArray()

fun main() {
    test("//Alice sr25519 address and public key") {
        Keypair.fromUri("//Alice", CryptoType.SR25519).use { alice ->
            check(alice.address() == ALICE_SR) { alice.address() }
            check(alice.publicKey().contentEquals(ALICE_SR_PUBLIC))
            check(alice.cryptoType() == CryptoType.SR25519)
        }
    }
    test("//Alice ed25519 signature is the published one") {
        Keypair.fromUri("//Alice", CryptoType.ED25519).use { alice ->
            check(alice.address() == "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu") { alice.address() }
            val expected = hex(
                "4b793986c78867bc6a34c86a39d3d00d77a7172e660ecbf1d7df90a6bd084c3d" +
                    "d2ab90dfd931b46cda801a0487978d1c5970592b58f5125c8114eacf3d8be903",
            )
            check(alice.sign(HELLO).contentEquals(expected))
            check(verify(CryptoType.ED25519, alice.publicKey(), HELLO, expected))
        }
    }
    test("polkadot.js sr25519 signature verifies, tampered message does not") {
        val sig = hex(
            "c61daf8ef73f45c25f4e39dd8b6e0a0419000f592cdb7c58c948de5f3d2c725b" +
                "31375e86ca7245c3e2d02ca917318382bd9a12ab77d5b8c1e54e68a57d3b4781",
        )
        check(verify(CryptoType.SR25519, ALICE_SR_PUBLIC, HELLO, sig))
        check(!verify(CryptoType.SR25519, ALICE_SR_PUBLIC, "hello bittensor!".toByteArray(), sig))
    }
    test("derive //stash and phrase password") {
        Keypair.fromUri("//Alice", CryptoType.SR25519).derive("//stash").use {
            check(it.address() == "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY") { it.address() }
        }
        Keypair.fromPhrase(DEV_PHRASE, "password", CryptoType.SR25519).use {
            check(it.address() == "5GC6LfpV352HtJPySfAecb5JdePtf4R9Vq49NUU8RhzgBqgq") { it.address() }
        }
    }
    test("generated mnemonic: valid, random, signs and verifies") {
        val phrase = generateMnemonic(24u)
        check(phrase.split(" ").size == 24 && validateMnemonic(phrase))
        check(generateMnemonic(24u) != phrase)
        Keypair.fromPhrase(phrase, null, CryptoType.SR25519).use { pair ->
            val sig = pair.sign("stake".toByteArray())
            check(pair.verify("stake".toByteArray(), sig))
            check(!pair.verify("unstake".toByteArray(), sig))
        }
    }
    test("ss58 encode and decode") {
        check(ss58Encode(ALICE_SR_PUBLIC, 0u.toUShort()) == "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5")
        val decoded = ss58Decode("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F")
        check(decoded.prefix == 2u.toUShort() && decoded.publicKey.contentEquals(ALICE_SR_PUBLIC))
    }
    test("bad input throws typed exceptions") {
        expectError<TaolightException.InvalidSs58Checksum> {
            ss58Decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ")
        }
        expectError<TaolightException.InvalidWordCount> { generateMnemonic(13u) }
        expectError<TaolightException.SoftDerivationNotSupported> {
            Keypair.fromUri("//Alice", CryptoType.ED25519).derive("/soft")
        }
        expectError<TaolightException.InvalidArgument> {
            verify(CryptoType.SR25519, ByteArray(31), HELLO, ByteArray(64))
        }
        expectError<TaolightException.InvalidSignatureLength> {
            verify(CryptoType.SR25519, ALICE_SR_PUBLIC, HELLO, ByteArray(63))
        }
    }
    test("btwallet Ansible Vault keyfile opens; wrong password is typed") {
        val data = fixture("btwallet/ansible_sr25519.keyfile")
        decryptKeyfile(data, "ansible_password").use { check(it.address() == STOOL) { it.address() } }
        expectError<TaolightException.WrongPassword> { decryptKeyfile(data, "nope") }
        expectError<TaolightException.PasswordRequired> { decryptKeyfile(data, null) }
    }
    test("\$NACL keyfile unlocks in a coroutine (suspend fun)") {
        val pair = runBlocking { decryptKeyfileAsync(fixture("btwallet/nacl_minimal.keyfile"), "testing123!") }
        pair.use { check(it.address() == STOOL) { it.address() } }
    }
    test("polkadot.js JSON import, export, re-import") {
        val json = fixture("pjs/sr25519_scrypt_n15_p1_r8.json").decodeToString()
        importPolkadotJson(json, "pjs_password").use { pair ->
            check(pair.address() == STOOL) { pair.address() }
            val exported = exportPolkadotJson(pair, "new password", "stool", 1_700_000_000_000uL)
            importPolkadotJson(exported, "new password").use { check(it.address() == STOOL) }
            expectError<TaolightException.WrongPassword> { importPolkadotJson(exported, "nope") }
        }
        expectError<TaolightException.UnsupportedScryptParams> {
            importPolkadotJson(fixture("pjs/sr25519_scrypt_n14_p1_r8.json").decodeToString(), "pjs_password")
        }
    }
    println("$passed passed, $failed failed")
    if (failed > 0) exitProcess(1)
}
