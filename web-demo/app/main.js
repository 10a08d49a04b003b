// Starts the page: loads the package's WebAssembly, reads /config.json (the chains served)
// and wires the panels together.
import init, { version } from '../pkg/taolight.js';
import { $ } from './ui.js';
import { WalletPanel } from './wallet.js';
import { ChainPanel } from './chain.js';
import { PortfolioPanel } from './portfolio.js';
import { StakePanel } from './stake.js';
import { hasWalletFlows } from './flows.js';

await init();
$('version').textContent = `v${version()}`;
$('footer-version').textContent = `v${version()}`;
document.body.dataset.flows = hasWalletFlows ? '1' : '0';

const config = await (await fetch('config.json')).json();
const wallet = new WalletPanel();
const chain = new ChainPanel(config);
const portfolio = new PortfolioPanel();
const stake = new StakePanel(wallet, portfolio);

wallet.on('account', (account) => portfolio.setAddress(account?.address ?? null));
// The Worker's client carries the wallet flows too (plans there, signatures made here).
chain.on('client', (client) => {
  portfolio.setClient(client);
  stake.setClient(client);
  stake.setFlows(client && hasWalletFlows ? client : null);
  if (client && chain.chain?.id === 'devnet') stake.setKnownHotkeys(['//Hotkey1', '//Hotkey2']);
  $('st-signing').textContent = !client ? '–'
    : hasWalletFlows ? 'keys sign in this page; plans and submission in the Worker'
      : 'none: this package build has no wallet flows';
});
chain.on('finalized', () => {
  portfolio.refresh();
  stake.onFinalized();
});

document.body.dataset.ready = '1';
// The devnet is the default chain: connect right away.
if (config.chains.length > 0) chain.connect();
