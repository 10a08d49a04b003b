// What a user's Node code looks like: it imports the BUILT npm package `taolight` (not the
// sources), makes keys and quotes a stake, as a wallet backend or a script would.
//
//   scripts/build-npm.sh nodejs examples/node/node_modules/taolight
//   node examples/node/quote.mjs
//
// The printed values are checked against the published vectors (wallets.md §7 for keys,
// subtensor-staking.md §7.2 for the pool maths); the last line is "N passed, N failed".
import assert from 'node:assert/strict';
import {
  Keypair, generateMnemonic, validateMnemonic, verify, ss58Decode,
  parseRao, formatRao, formatRaoFixed,
  currentAlphaPrice, quoteStake, quoteUnstake, taoNeededForAlpha, maxAmountAdd, doSwap,
} from 'taolight';

let passed = 0;
let failed = 0;
function step(name, body) {
  try {
    body();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e?.code ?? ''} ${e?.message ?? e}`);
  }
}

step('keys: //Alice, sign and verify', () => {
  const alice = Keypair.fromUri('//Alice');
  assert.equal(alice.address, '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
  const message = new TextEncoder().encode('stake 100 TAO');
  const signature = alice.sign(message);
  assert.equal(signature.length, 64);
  assert.ok(verify('sr25519', alice.publicKey, message, signature));
  assert.deepEqual(ss58Decode(alice.address).publicKey, alice.publicKey);
  alice.free(); // wipe the secret now rather than at garbage collection
});

step('keys: a fresh mnemonic', () => {
  const phrase = generateMnemonic(12);
  assert.ok(validateMnemonic(phrase));
  const pair = Keypair.fromUri(phrase);
  assert.match(pair.address, /^5[1-9A-HJ-NP-Za-km-z]{47}$/);
  pair.free();
});

// A subnet pool as read from the chain at one block (P4 of the staking spec): SubnetTAO,
// SubnetAlphaIn, SwapBalancer.quote (Perquintill), FeeRate (/65535), SubnetMechanism.
const pool = {
  taoReserve: 45_678_912_345_678n,
  alphaReserve: 1_234_567_890_123_456n,
  quoteWeight: 500_000_123_456_789_012n,
  feeRate: 196,
  mechanism: 1,
};

step('stake quote: 100 TAO with 0.5 % slippage tolerance', () => {
  const price = currentAlphaPrice(pool);
  console.log(`     price ${formatRao(price)} TAO/α`);
  const q = quoteStake(pool, parseRao('100'), 5_000_000);
  console.log(`     100 TAO -> ${formatRaoFixed(q.amountOut, 4)} α, fee ${formatRao(q.fee)} TAO, ` +
    `impact ${(q.priceImpactPpb / 1e7).toFixed(3)} %, limit ${q.limitPrice} rao/α`);
  assert.equal(price, 36_999_901n);
  assert.equal(q.amountOut, 2_688_758_140_345n);
  assert.equal(q.fee, 299_076_829n);
  assert.equal(q.priceAfter, 37_161_592n);
  assert.equal(typeof q.priceImpactPpb, 'number');
  // add_stake_limit(limitPrice) fills 100 TAO completely: it is below what the limit allows.
  assert.ok(q.amountIn <= q.maxAtLimit);
  assert.equal(q.maxAtLimit, maxAmountAdd(pool, q.limitPrice));
});

step('unstake quote and inverse quote', () => {
  const q = quoteUnstake(pool, parseRao('1000'), 10_000_000);
  assert.equal(formatRao(q.amountOut), '36.859476054');
  const tao = taoNeededForAlpha(pool, parseRao('1000'));
  assert.ok(quoteStake(pool, tao, 0).amountOut >= parseRao('1000'));
  assert.ok(quoteStake(pool, tao - 1n, 0).amountOut < parseRao('1000'));
});

step('bad input: typed errors with a stable code', () => {
  const code = (f) => {
    try { f(); } catch (e) {
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'TaolightError');
      return e.code;
    }
    assert.fail('nothing thrown');
  };
  assert.equal(code(() => parseRao('1.5e3')), 'InvalidCharacter');
  assert.equal(code(() => quoteStake(pool, -1n, 0)), 'InvalidArgument');
  assert.equal(code(() => quoteStake(pool, 100, 0)), 'InvalidArgument'); // a number, not a bigint
  assert.equal(code(() => quoteStake({ ...pool, alphaReserve: 0n }, 1n, 0)), 'ReservesTooLow');
  assert.equal(code(() => quoteStake(pool, parseRao('1'), 1e9)), 'InvalidTolerance');
  assert.equal(code(() => doSwap(pool, 'buy', parseRao('1'), 36_999_901n)), 'PriceLimitExceeded');
  assert.equal(code(() => Keypair.fromUri('//Alice', 'secp256k1')), 'InvalidArgument');
});

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
