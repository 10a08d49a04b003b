//! `taolight-devnet`: a local Bittensor-shaped Substrate node (Aura + GRANDPA) for offline
//! end-to-end tests of taolight. See `devnet/README.md`.
mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> polkadot_sdk::sc_cli::Result<()> {
    command::run()
}
