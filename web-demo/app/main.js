// Starts the page: loads the package's WebAssembly, reads /config.json (the chains served)
// and wires the panels together.
import init, { version } from '../pkg/taolight.js';
import { $ } from './ui.js';
import { WalletPanel } from './wallet.js';
import { ChainPanel } from './chain.js';
import { PortfolioPanel } from './portfolio.js';
import { StakePanel } from './stake.js';

await init();
$('version').textContent = `v${version()}`;
$('footer-version').textContent = `v${version()}`;

const config = await (await fetch('config.json')).json();
const wallet = new WalletPanel();
const chain = new ChainPanel(config);
const portfolio = new PortfolioPanel();
const stake = new StakePanel(wallet, portfolio);

wallet.on('account', (account) => portfolio.setAddress(account?.address ?? null));
chain.on('client', (client) => {
  portfolio.setClient(client);
  stake.setClient(client);
  if (client && chain.chain?.id === 'devnet') stake.setKnownHotkeys(['//Hotkey1', '//Hotkey2']);
});
chain.on('finalized', () => {
  portfolio.refresh();
  stake.onFinalized();
});

document.body.dataset.ready = '1';
// The devnet is the default chain: connect right away.
if (config.chains.length > 0) chain.connect();
