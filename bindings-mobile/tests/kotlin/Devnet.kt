// The light client through the uniffi Kotlin bindings on the JVM, against the devnet: sync to
// Ready (suspend functions), read Alice's account at the finalized block and compare it with the
// node's own state_getStorage at the same hash (decoded here); bad input gives typed exceptions.
// Run from the repo root by stage 30 (class taolight.tests.devnet.DevnetKt) with
// TAOLIGHT_DEVNET_STATE set. Prints "N passed, N failed"; exits non-zero on failure.
package taolight.tests.devnet

import java.io.File
import java.net.HttpURLConnection
import java.net.URI
import java.security.MessageDigest
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
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

private fun ByteArray.hex() = joinToString("") { "%02x".format(it) }
private fun unhex(s: String): ByteArray {
    val h = s.removePrefix("0x")
    return ByteArray(h.length / 2) { h.substring(2 * it, 2 * it + 2).toInt(16).toByte() }
}

/** The node's HTTP JSON-RPC; returns the raw JSON `result` text (only strings are needed). */
private fun rpc(url: String, method: String, vararg params: String): String? {
    val body = """{"jsonrpc":"2.0","id":1,"method":"$method","params":[${params.joinToString(",") { "\"$it\"" }}]}"""
    val conn = URI(url).toURL().openConnection() as HttpURLConnection
    conn.requestMethod = "POST"
    conn.doOutput = true
    conn.setRequestProperty("Content-Type", "application/json")
    conn.outputStream.use { it.write(body.toByteArray()) }
    val text = conn.inputStream.use { it.readBytes().decodeToString() }
    check(!text.contains("\"error\"")) { "$method: $text" }
    val m = Regex("\"result\":(null|\"([^\"]*)\")").find(text) ?: error("$method: $text")
    return m.groupValues[2].ifEmpty { null }
}

private fun le(bytes: ByteArray, from: Int, n: Int): ULong {
    var v = 0uL
    for (i in n - 1 downTo 0) v = (v shl 8) or (bytes[from + i].toULong() and 0xffuL)
    return v
}

// BLAKE2b-128 is not in the JDK; the key is taken from the node's own key listing instead:
// twox128("System") ++ twox128("Account") is the published prefix, and the node lists the
// full keys under it (state_getKeysPaged), of which Alice's ends with her public key.
private const val SYSTEM_ACCOUNT_PREFIX = "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9"

fun main() {
    val statePath = System.getenv("TAOLIGHT_DEVNET_STATE") ?: error("TAOLIGHT_DEVNET_STATE is not set")
    val state = File(statePath).readLines().filter { "=" in it }.associate { it.substringBefore("=") to it.substringAfter("=") }
    val http = state.getValue("RPC_HTTP")
    val spec = File("chain-specs/${state.getValue("CHAIN")}.json").readText()
    val alice = Keypair.fromUri("//Alice", CryptoType.SR25519)

    test("bad input to LightClient is a typed exception") {
        expectError<TaolightException.BadSpec> { LightClient.start("not json", null, null, null) }
        expectError<TaolightException.BadCheckpoint> { LightClient.start(spec, listOf(), "{}", null) }
        expectError<TaolightException.BadDatabase> { LightClient.start(spec, listOf(), null, "garbage") }
    }

    val client = LightClient.start(spec, listOf(state.getValue("P2P_TCP_ADDR")), null, null)
    try {
        test("sync to Ready; genesis and finalized block are the node's") {
            runBlocking {
                val ready = withTimeout(180_000) { client.waitReady() }
                check(ready.phase is SyncPhase.Ready) { ready.toString() }
                check("0x" + client.genesisHash().hex() == rpc(http, "chain_getBlockHash", "0"))
            }
        }
        test("Alice's account through the light client equals the node's at the same hash") {
            runBlocking {
                val fin = client.finalizedHead()
                val hash = "0x" + fin.hash.hex()
                val ours = client.account(fin.hash, alice.address())
                val keysJson = URI(http).toURL().openConnection().let { c ->
                    c as HttpURLConnection
                    c.requestMethod = "POST"; c.doOutput = true
                    c.setRequestProperty("Content-Type", "application/json")
                    c.outputStream.use {
                        it.write("""{"jsonrpc":"2.0","id":1,"method":"state_getKeysPaged","params":["0x$SYSTEM_ACCOUNT_PREFIX",1000,null,"$hash"]}""".toByteArray())
                    }
                    c.inputStream.use { it.readBytes().decodeToString() }
                }
                val key = Regex("\"(0x[0-9a-f]+)\"").findAll(keysJson).map { it.groupValues[1] }
                    .single { it.endsWith(alice.publicKey().hex()) }
                val raw = unhex(rpc(http, "state_getStorage", key, hash)!!)
                check(raw.size == 56) { "AccountInfo is ${raw.size} bytes" }
                check(ours.nonce == le(raw, 0, 4).toUInt())
                check(ours.providers == le(raw, 8, 4).toUInt())
                check(ours.free == le(raw, 16, 8)) { "${ours.free} vs ${le(raw, 16, 8)}" }
                check(ours.reserved == le(raw, 24, 8))
                check(ours.frozen == le(raw, 32, 8))
                check(ours.free > 0uL)
                // The raw proven read is the node's bytes.
                check(client.storage(fin.hash, unhex(key))!!.contentEquals(raw))
            }
        }
        test("bad input to reads is a typed exception") {
            runBlocking {
                val fin = client.finalizedHead()
                expectError<TaolightException.InvalidArgument> { runBlocking { client.account(ByteArray(3), alice.address()) } }
                expectError<TaolightException.InvalidSs58Checksum> {
                    runBlocking { client.account(fin.hash, alice.address().dropLast(1) + "Z") }
                }
                expectError<TaolightException.ProofInvalid> { runBlocking { client.account(ByteArray(32), alice.address()) } }
            }
        }
        test("calls after stop() are Stopped") {
            client.stop()
            expectError<TaolightException.Stopped> { runBlocking { client.finalizedHead() } }
        }
    } finally {
        client.stop()
        client.close()
        alice.close()
    }
    println("$passed passed, $failed failed")
    if (failed > 0) exitProcess(1)
}
