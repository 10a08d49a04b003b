//! Native platform: smoldot-light's `DefaultPlatform`.

use alloc::{borrow::ToOwned as _, sync::Arc};

use super::{CLIENT_NAME, CLIENT_VERSION};
use crate::chain::ChainError;

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
