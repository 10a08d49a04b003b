//! Native platform: smoldot-light's `DefaultPlatform`.

use alloc::{borrow::ToOwned as _, sync::Arc};

use crate::chain::ChainError;

/// Name the client announces to peers and in `system_name`.
const CLIENT_NAME: &str = "taolight";

/// Version the client announces.
const CLIENT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The platform type the client runs on for this target.
pub(crate) type Platform = Arc<smoldot_light::platform::DefaultPlatform>;

/// Creates the platform: starts smoldot-light's executor threads (one per core). They stop once
/// the client and every task it spawned are gone.
pub(crate) fn new_platform() -> Result<Platform, ChainError> {
    Ok(smoldot_light::platform::DefaultPlatform::new(
        CLIENT_NAME.to_owned(),
        CLIENT_VERSION.to_owned(),
    ))
}
