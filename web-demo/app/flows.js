// Plans and submissions, all done by the package. `planFlow` turns the stake form into a
// plan the page displays; `submitPlan` signs and submits it and reports each status.
//
// With the package's wallet flows (the `Wallet` in the light client's Worker, through
// `LightClientProxy`: quote, network fee, guards and warnings at one finalized block), a plan
// is the proxy's plain plan (the `Plan`'s fields, its `id` in the Worker and its signing
// payload's JSON). The page signs that payload with its own `Keypair` (the key never leaves
// this page) and the Worker submits it and forwards each status. Without wallet flows (an
// older package), the page shows the package's stake calculator on the pool read through the
// light client and cannot sign.
import * as taolight from '../pkg/taolight.js';
import { tao, alpha, short, toHex, percentFromPpb } from './ui.js';

/** Whether this build of the package has wallet flows (and the offline signing they use here). */
export const hasWalletFlows = typeof taolight.Wallet === 'function' && typeof taolight.SigningPayload === 'function';

function pageError(code, message) {
  return Object.assign(new Error(message), { name: 'TaolightError', code });
}

/** A plan for the form's request: the fields the page shows, at one finalized block. */
export async function planFlow(client, flows, r) {
  if (flows) return walletPlan(flows, r);
  return calculatorPlan(client, r);
}

async function walletPlan(flows, r) {
  if (!r.coldkey) throw pageError('NoAccount', 'create or import a wallet to get a plan');
  const slippage = { toleranceBps: r.toleranceBps, allowPartial: r.allowPartial };
  let plan;
  if (r.action === 'stake') plan = await flows.stake(r.coldkey, r.hotkey, r.netuid, r.amount, slippage);
  else if (r.action === 'unstake') plan = await flows.unstake(r.coldkey, r.hotkey, r.netuid, r.amount, slippage);
  else plan = await flows.moveStake(r.coldkey, r.hotkey, r.destinationHotkey, r.netuid, r.destinationNetuid, r.amount);
  const at = plan.at;
  return {
    raw: plan,
    request: r,
    at: { number: at.number, hash: toHex(at.hash) },
    outUnit: r.action === 'unstake' ? 'tao' : 'alpha',
    expectedOut: plan.expectedOut,
    swapFeeText: r.action === 'stake' ? tao(plan.swapFee) : alpha(plan.swapFee),
    networkFee: plan.fee.partialFee,
    priceImpactPpb: plan.priceImpactPpb,
    tolerancePpb: r.action === 'move' ? null : r.tolerancePpb,
    limitPrice: plan.limitPrice ?? null,
    limitIsRatio: false,
    warnings: plan.warnings.map(warningText),
    summary: plan.callSummary,
  };
}

function warningText(w) {
  switch (w.kind) {
    case 'thinPool': return `thin pool: subnet ${w.netuid} holds only ${tao(w.taoReserve)}; small trades move the price a lot`;
    case 'highPriceImpact': return `high price impact on subnet ${w.netuid}: ${percentFromPpb(w.impactPpb)}`;
    case 'partialFill': return `partial fill: only ${tao(w.maxAtLimit)} executes at the limit price now`;
    case 'accountReaped': return `the account would be reaped (${tao(w.remaining)} lost)`;
    case 'moveLeavesFreeTao': return `the moved TAO (${tao(w.tao)}) is below the minimum: it stays as free balance`;
    case 'noPriceProtection': return 'no limit price: the executed result may differ from the quote';
    default: return w.kind;
  }
}

async function calculatorPlan(client, r) {
  const at = await client.finalizedHead();
  const origin = (await client.subnetPool(r.netuid, at.hash)).pool;
  const base = { raw: null, request: r, at, networkFee: null, tolerancePpb: r.tolerancePpb, warnings: [], limitIsRatio: false };
  if (r.action === 'stake') {
    const q = taolight.quoteStake(origin, r.amount, r.tolerancePpb);
    return {
      ...base, outUnit: 'alpha', expectedOut: q.amountOut, swapFeeText: tao(q.fee),
      priceImpactPpb: q.priceImpactPpb, limitPrice: q.limitPrice,
      summary: `Stake ${tao(r.amount)} to ${short(r.hotkey)} on subnet ${r.netuid}`,
    };
  }
  if (r.action === 'unstake') {
    const q = taolight.quoteUnstake(origin, r.amount, r.tolerancePpb);
    return {
      ...base, outUnit: 'tao', expectedOut: q.amountOut, swapFeeText: alpha(q.fee),
      priceImpactPpb: q.priceImpactPpb, limitPrice: q.limitPrice,
      summary: `Unstake ${alpha(r.amount)} from ${short(r.hotkey)} on subnet ${r.netuid}`,
    };
  }
  const destination = (await client.subnetPool(r.destinationNetuid, at.hash)).pool;
  const q = taolight.quoteMove(origin, destination, r.amount, r.netuid === 0, r.tolerancePpb);
  return {
    ...base, outUnit: 'alpha', expectedOut: q.alphaOut,
    swapFeeText: `${alpha(q.originFee)} + ${tao(q.destinationFee)}`,
    priceImpactPpb: 0, limitPrice: null, tolerancePpb: null,
    warnings: ['move_stake carries no limit price: the result may differ from the quote'],
    summary: `Move ${alpha(r.amount)} from subnet ${r.netuid} to subnet ${r.destinationNetuid}`,
  };
}

/** Why `plan` cannot be signed now, or `null`. */
export function canSubmit(plan, wallet) {
  if (!wallet.account) return 'create or import a wallet first';
  if (!wallet.keypair) return 'unlock the wallet first';
  if (!plan.raw) return 'signing needs the package\'s wallet flows (not in this build)';
  return null;
}

/**
 * Signs `plan`'s payload in this page with the wallet's key pair, has the light client's
 * Worker submit it (`flows.submitSigned`) and follows it to finality, calling
 * `onStep({ name, text, failed })` for each status. Resolves to a one-line outcome; rejects
 * with the package's error (guards, pool refusal) or the decoded dispatch error.
 */
export async function submitPlan(flows, wallet, plan, onStep) {
  if (!flows || !plan.raw) throw pageError('Unsupported', 'this build of the package has no wallet flows');
  if (!wallet.keypair) throw pageError('Locked', 'unlock the wallet first');
  const payload = taolight.SigningPayload.fromJSON(plan.raw.payload);
  let signature;
  try {
    signature = payload.sign(wallet.keypair);
  } finally {
    payload.free();
  }
  const submission = await flows.submitSigned(plan.raw.id, signature);
  onStep({ name: 'submitted', text: `signed, nonce ${submission.nonce}, accepted by the pool` });
  for await (const s of submission) {
    switch (s.type) {
      case 'broadcast':
        onStep({ name: 'broadcast', text: `broadcast to ${s.peers} peer${s.peers === 1 ? '' : 's'}` });
        break;
      case 'inBlock':
        onStep({ name: 'inBlock', text: `in block #${s.blockNumber}`, failed: !s.success });
        break;
      case 'retracted':
        onStep({ name: 'retracted', text: 'block retracted, waiting', failed: true });
        break;
      case 'finalized':
        onStep({ name: 'finalized', text: `finalized #${s.blockNumber}`, failed: !s.success });
        if (!s.success) throw pageError('DispatchError', `failed in block #${s.blockNumber}: ${s.error}`);
        return `finalized in #${s.blockNumber}${s.feePaid === undefined ? '' : `, fee ${tao(s.feePaid)}`}`;
      case 'dropped':
        throw pageError('Dropped', s.reason);
      case 'invalid':
        throw pageError('Invalid', s.reason);
      default:
        throw pageError('WatchFailed', s.message ?? s.type);
    }
  }
  throw pageError('WatchEnded', 'the status stream ended before finality');
}
