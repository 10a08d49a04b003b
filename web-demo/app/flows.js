// Plans and submissions, all done by the package. `planFlow` turns the stake form into a
// plan the page displays; `submitPlan` signs and submits it and reports each status.
//
// This build of the page uses the package's stake calculator on the pool read (verified)
// through the light client at the finalized head; network fee, guards and signing need the
// package's wallet flows.
import { quoteStake, quoteUnstake, quoteMove } from '../pkg/taolight.js';
import { tao, alpha, short } from './ui.js';

function pageError(code, message) {
  return Object.assign(new Error(message), { name: 'TaolightError', code });
}

/** A plan for the form's request: the quote fields the page shows, at one finalized block. */
export async function planFlow(client, wallet, r) {
  const at = await client.finalizedHead();
  const origin = (await client.subnetPool(r.netuid, at.hash)).pool;
  const base = { request: r, at, networkFee: null, tolerancePpb: r.tolerancePpb, warnings: [], limitIsRatio: false };
  if (r.action === 'stake') {
    const q = quoteStake(origin, r.amount, r.tolerancePpb);
    return {
      ...base, quote: q, outUnit: 'alpha', expectedOut: q.amountOut, swapFeeText: tao(q.fee),
      priceImpactPpb: q.priceImpactPpb, limitPrice: q.limitPrice,
      summary: `Stake ${tao(r.amount)} to ${short(r.hotkey)} on subnet ${r.netuid}`,
    };
  }
  if (r.action === 'unstake') {
    const q = quoteUnstake(origin, r.amount, r.tolerancePpb);
    return {
      ...base, quote: q, outUnit: 'tao', expectedOut: q.amountOut, swapFeeText: alpha(q.fee),
      priceImpactPpb: q.priceImpactPpb, limitPrice: q.limitPrice,
      summary: `Unstake ${alpha(r.amount)} from ${short(r.hotkey)} on subnet ${r.netuid}`,
    };
  }
  const destination = (await client.subnetPool(r.destinationNetuid, at.hash)).pool;
  const q = quoteMove(origin, destination, r.amount, r.netuid === 0, r.tolerancePpb);
  return {
    ...base, quote: q, outUnit: 'alpha', expectedOut: q.alphaOut,
    swapFeeText: `${alpha(q.originFee)} + ${tao(q.destinationFee)}`,
    priceImpactPpb: 0, limitPrice: null,
    warnings: ['move_stake carries no limit price: the result may differ from the quote'],
    summary: `Move ${alpha(r.amount)} from subnet ${r.netuid} to subnet ${r.destinationNetuid}`,
  };
}

/** Why `plan` cannot be signed now, or `null`. */
export function canSubmit(plan, wallet) {
  if (!wallet.account) return 'create or import a wallet first';
  if (!wallet.keypair) return 'unlock the wallet first';
  return 'signing needs the package\'s wallet flows (not in this build)';
}

/** Signs and submits `plan`, calling `onStep` for each status; resolves to a summary. */
export async function submitPlan() {
  throw pageError('Unsupported', 'this build of the package has no wallet flows');
}
