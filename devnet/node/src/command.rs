//! Sub-command dispatch and the devnet defaults (fixed node key, temporary storage).
use crate::{
    chain_spec,
    cli::{Cli, Subcommand},
    service,
};
use polkadot_sdk::{
    sc_cli::{self, SubstrateCli},
    sc_network::config::NetworkBackendType,
    sc_service,
};

/// The fixed node key: secret ed25519 key 0x00…01, peer id [`chain_spec::PEER_ID`].
pub const NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";

impl SubstrateCli for Cli {
    fn impl_name() -> String {
        "taolight devnet node".into()
    }

    fn impl_version() -> String {
        env!("CARGO_PKG_VERSION").into()
    }

    fn description() -> String {
        "A local Bittensor-shaped chain (Aura + GRANDPA) for taolight's end-to-end tests".into()
    }

    fn author() -> String {
        "taolight".into()
    }

    fn support_url() -> String {
        "https://example.invalid/taolight".into()
    }

    fn copyright_start_year() -> i32 {
        2026
    }

    fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
        Ok(match id {
            "" | "devnet" | "dev" => {
                Box::new(chain_spec::devnet(chain_spec::Variant::BabeStub, false)?)
            }
            "devnet-plain" => Box::new(chain_spec::devnet(chain_spec::Variant::Plain, false)?),
            "devnet-two-authorities" => {
                Box::new(chain_spec::devnet(chain_spec::Variant::BabeStub, true)?)
            }
            path => Box::new(chain_spec::ChainSpec::from_json_file(
                std::path::PathBuf::from(path),
            )?),
        })
    }
}

/// Adds the devnet defaults to a `run` command line: the fixed node key and `--tmp` unless the
/// caller chose otherwise. Sub-commands are left alone.
fn with_defaults(mut args: Vec<String>) -> Vec<String> {
    let subcommands = [
        "build-spec",
        "export-chain-spec",
        "purge-chain",
        "help",
        "--help",
        "-h",
        "--version",
        "-V",
    ];
    if args
        .iter()
        .skip(1)
        .any(|a| subcommands.contains(&a.as_str()))
    {
        return args;
    }
    let has = |flag: &str| {
        args.iter()
            .any(|a| a == flag || a.starts_with(&format!("{flag}=")))
    };
    let mut extra = Vec::new();
    if !has("--node-key") && !has("--node-key-file") {
        extra.extend(["--node-key".to_string(), NODE_KEY.to_string()]);
    }
    if !has("--base-path") && !has("-d") && !has("--tmp") {
        extra.push("--tmp".to_string());
    }
    args.extend(extra);
    args
}

/// Parses the command line and runs the node or a sub-command.
pub fn run() -> sc_cli::Result<()> {
    let cli = Cli::from_iter(with_defaults(std::env::args().collect()));

    match &cli.subcommand {
        Some(Subcommand::BuildSpec(cmd)) => {
            let runner = cli.create_runner(cmd)?;
            runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
        }
        Some(Subcommand::ExportChainSpec(cmd)) => {
            let chain_spec = cli.load_spec(&cmd.chain)?;
            cmd.run(chain_spec)
        }
        Some(Subcommand::PurgeChain(cmd)) => {
            let runner = cli.create_runner(cmd)?;
            runner.sync_run(|config| cmd.run(config.database))
        }
        None => {
            let runner = cli.create_runner(&cli.run)?;
            runner.run_node_until_exit(|config| async move {
                match config.network.network_backend {
                    NetworkBackendType::Libp2p => service::new_full::<
                        polkadot_sdk::sc_network::NetworkWorker<
                            taolight_devnet_runtime::opaque::Block,
                            <taolight_devnet_runtime::opaque::Block as polkadot_sdk::sp_runtime::traits::Block>::Hash,
                        >,
                    >(config),
                    NetworkBackendType::Litep2p => {
                        service::new_full::<polkadot_sdk::sc_network::Litep2pNetworkBackend>(config)
                    }
                }
                .map_err(sc_cli::Error::Service)
            })
        }
    }
}
