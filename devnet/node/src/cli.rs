//! Command line: the standard Substrate `RunCmd` plus the usual subcommands.
use polkadot_sdk::sc_cli;

/// Sub-commands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
    /// Build a chain specification (`--chain devnet|devnet-plain [--raw]`).
    BuildSpec(sc_cli::BuildSpecCmd),
    /// Export the chain specification of a running configuration.
    ExportChainSpec(sc_cli::ExportChainSpecCmd),
    /// Remove the whole chain data.
    PurgeChain(sc_cli::PurgeChainCmd),
}

/// The node's command line.
#[derive(Debug, clap::Parser)]
#[command(
    propagate_version = true,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    /// Optional sub-command.
    #[command(subcommand)]
    pub subcommand: Option<Subcommand>,

    /// Run the node.
    #[clap(flatten)]
    pub run: sc_cli::RunCmd,
}
