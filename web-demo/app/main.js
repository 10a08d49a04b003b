// Starts the page: loads the package's WebAssembly, reads /config.json (the chains served)
// and wires the panels together.
import init, { version } from '../pkg/taolight.js';
import { $, describeError } from './ui.js';
import { WalletPanel } from './wallet.js';
import { ChainPanel } from './chain.js';
import { PortfolioPanel } from './portfolio.js';
import { StakePanel } from './stake.js';
import { hasWalletFlows } from './flows.js';
import { SigningClient } from './signing.js';

await init();
$('version').textContent = `v${version()}`;
$('footer-version').textContent = `v${version()}`;
document.body.dataset.flows = hasWalletFlows ? '1' : '0';

const config = await (await fetch('config.json')).json();
const wallet = new WalletPanel();
const chain = new ChainPanel(config);
const portfolio = new PortfolioPanel();
const stake = new StakePanel(wallet, portfolio);
const signing = new SigningClient();

wallet.on('account', (account) => portfolio.setAddress(account?.address ?? null));
chain.on('client', async (client) => {
  portfolio.setClient(client);
  stake.setClient(client);
  stake.setFlows(null);
  if (client && chain.chain?.id === 'devnet') stake.setKnownHotkeys(['//Hotkey1', '//Hotkey2']);
  if (!client) {
    await signing.stop();
    return;
  }
  if (!hasWalletFlows) {
    $('st-signing').textContent = 'none: this package build has no wallet flows';
    return;
  }
  try {
    const flows = await signing.start(chain);
    if (flows && chain.client === client) stake.setFlows(flows);
  } catch (e) {
    $('st-signing').textContent = describeError(e);
  }
});
chain.on('finalized', () => {
  portfolio.refresh();
  stake.onFinalized();
});

document.body.dataset.ready = '1';
// The devnet is the default chain: connect right away.
if (config.chains.length > 0) chain.connect();
