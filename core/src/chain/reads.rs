//! [`ChainReader`]: typed reads of the state a staking wallet needs, at one block, from any
//! [`StateSource`] (the light client, or a node's RPC as the oracle in tests).
//!
//! Every read resolves its storage entries in the runtime's metadata at that block (keys built
//! from the metadata's hashers, values decoded as the metadata's types and checked against our
//! structs), so a runtime that changed shape gives [`ChainError::ShapeMismatch`]. Absent values
//! take the entry's default from the metadata (`ValueQuery`), exactly as the chain reads them.

use alloc::{borrow::ToOwned as _, collections::BTreeMap, format, sync::Arc, vec::Vec};

use crate::stake::{
    Pool, SafeFloat, SharePool,
    fixed::{fmul, fu64, fx},
};

use super::{
    ChainError, MetadataCache, RuntimeMetadata, StateSource,
    decode::{Reader, TypedValue},
    storage_key::{KeyArg, KeyKind, StorageEntry},
};

/// Pallet of the staking storage.
pub const SUBTENSOR_PALLET: &str = "SubtensorModule";
/// Pallet of the pool weights and fee rates.
pub const SWAP_PALLET: &str = "Swap";

/// Reads typed chain state from a [`StateSource`], caching metadata per runtime.
#[derive(Debug)]
pub struct ChainReader<S> {
    source: S,
    cache: MetadataCache,
}

/// `System.Account`: nonce and balances of an account (rao).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AccountInfo {
    /// Transactions sent (`nonce`).
    pub nonce: u32,
    /// Modules depending on this account's existence.
    pub consumers: u32,
    /// Modules allowing this account to exist.
    pub providers: u32,
    /// Sufficient references.
    pub sufficients: u32,
    /// Free balance.
    pub free: u64,
    /// Reserved balance.
    pub reserved: u64,
    /// Frozen part of the balance (locks, freezes).
    pub frozen: u64,
    /// `ExtraFlags` bits.
    pub flags: u128,
}

/// One subnet's pool at one block: the five values the swap reads, plus `SubnetAlphaOut`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubnetPool {
    /// The subnet.
    pub netuid: u16,
    /// `SubnetTAO`, `SubnetAlphaIn`, `Swap.SwapBalancer` (TAO weight), `Swap.FeeRate`,
    /// `SubnetMechanism`, ready for `core::stake` quotes.
    pub pool: Pool,
    /// `SubnetAlphaOut`: alpha held as stake (not a reserve).
    pub alpha_out: u64,
}

/// One entry of the subnet list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubnetSummary {
    /// The pool; its depth is `pool.pool.tao_reserve` TAO against `pool.pool.alpha_reserve`
    /// alpha.
    pub pool: SubnetPool,
    /// Spot price in rao per alpha, `floor(price · 10^9)` as `current_alpha_price` (1e9 for
    /// stable subnets), computed by `core::stake` from the pool.
    pub price: u64,
    /// `TokenSymbol` (UTF-8 bytes).
    pub symbol: Vec<u8>,
}

/// One stake position of a coldkey: its share of a hotkey's alpha pool on a subnet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StakePosition {
    /// The hotkey staked to.
    pub hotkey: [u8; 32],
    /// The subnet.
    pub netuid: u16,
    /// Alpha owned, rao: `floor(TotalHotkeyAlpha · share / TotalHotkeyShares)` with the chain's
    /// `SafeFloat` arithmetic (`core::stake::SharePool::value_of`), as the chain computes stake.
    pub alpha: u64,
    /// TAO received for unstaking all of it now, rao: `sim_swap_alpha_for_tao(alpha).tao_amount`
    /// by `core::stake` on the pool at this block (swap fee deducted; transaction fee and the
    /// block author's fee-alpha swap not included; 0 if the pool cannot take it). Root and
    /// stable subnets: 1:1.
    pub tao_value: u64,
    /// Alpha at spot price, rao: `floor(alpha · price)` (no fee, no slippage).
    pub spot_tao_value: u64,
    /// The coldkey's shares (`Alpha` v1 if present, else `AlphaV2`).
    pub share: SafeFloat,
    /// The hotkey's pool on this subnet (`TotalHotkeyAlpha`, `TotalHotkeyShares` v1 or V2).
    pub hotkey_pool: SharePool,
}

impl<S: StateSource> ChainReader<S> {
    /// A reader over `source` with an empty metadata cache.
    pub fn new(source: S) -> Self {
        ChainReader {
            source,
            cache: MetadataCache::new(),
        }
    }

    /// The underlying state source.
    pub fn source(&self) -> &S {
        &self.source
    }

    /// The runtime metadata at block `at` (cached per runtime version).
    pub async fn metadata(&self, at: &[u8; 32]) -> Result<Arc<RuntimeMetadata>, ChainError> {
        self.cache.at(&self.source, at).await
    }

    /// `System.Account(account)`: nonce and balances (defaults for an unknown account).
    pub async fn account(
        &self,
        at: &[u8; 32],
        account: &[u8; 32],
    ) -> Result<AccountInfo, ChainError> {
        let md = self.metadata(at).await?;
        let entry = md.storage_entry("System", "Account")?;
        let key = entry.key(&[KeyArg::AccountId(*account)])?;
        let raw = self.one(at, key).await?;
        let v = required(&entry, raw.as_deref())?;
        account_info(
            &Reader {
                types: md.types(),
                item: entry.item(),
            },
            &v,
        )
    }

    /// The pool of subnet `netuid`.
    pub async fn subnet_pool(&self, at: &[u8; 32], netuid: u16) -> Result<SubnetPool, ChainError> {
        let md = self.metadata(at).await?;
        let mut pools = self.pools(at, &md, &[netuid]).await?;
        pools
            .pop()
            .ok_or_else(|| ChainError::MalformedRpc("no pool read".to_owned()))
    }

    /// Every subnet (`NetworksAdded`), in netuid order, with its pool, spot price and symbol.
    pub async fn subnets(&self, at: &[u8; 32]) -> Result<Vec<SubnetSummary>, ChainError> {
        let md = self.metadata(at).await?;
        let added = md.storage_entry(SUBTENSOR_PALLET, "NetworksAdded")?;
        let r = Reader {
            types: md.types(),
            item: added.item(),
        };
        let mut netuids = Vec::new();
        for (key, value) in self.source.storage_descendants(at, &added.prefix()).await? {
            let netuid = netuid_of(&added.decode_key(&key, &[KeyKind::U16])?, 0);
            if r.bool(&required(&added, Some(&value))?)? {
                netuids.push(netuid);
            }
        }
        netuids.sort_unstable();
        let pools = self.pools(at, &md, &netuids).await?;
        let symbol_entry = md.storage_entry(SUBTENSOR_PALLET, "TokenSymbol")?;
        let keys = netuids
            .iter()
            .map(|n| symbol_entry.key(&[KeyArg::U16(*n)]))
            .collect::<Result<Vec<_>, _>>()?;
        let symbols = self.source.storage(at, &keys).await?;
        let sr = Reader {
            types: md.types(),
            item: symbol_entry.item(),
        };
        pools
            .into_iter()
            .zip(symbols)
            .map(|(pool, raw)| {
                let symbol = sr.bytes(&required(&symbol_entry, raw.as_deref())?)?;
                Ok(SubnetSummary {
                    price: pool.pool.current_alpha_price(),
                    pool,
                    symbol,
                })
            })
            .collect()
    }

    /// Every non-zero stake position of `coldkey`: for each hotkey in `StakingHotkeys(coldkey)`
    /// and each subnet where the coldkey holds shares (`Alpha` / `AlphaV2`, iterated by
    /// prefix), the alpha value and its TAO value (see [`StakePosition`]). Sorted by hotkey
    /// as listed by the chain, then netuid.
    pub async fn stake_positions(
        &self,
        at: &[u8; 32],
        coldkey: &[u8; 32],
    ) -> Result<Vec<StakePosition>, ChainError> {
        let md = self.metadata(at).await?;
        let types = md.types();
        let staking = md.storage_entry(SUBTENSOR_PALLET, "StakingHotkeys")?;
        let raw = self
            .one(at, staking.key(&[KeyArg::AccountId(*coldkey)])?)
            .await?;
        let v = required(&staking, raw.as_deref())?;
        let r = Reader {
            types,
            item: staking.item(),
        };
        let hotkeys = r
            .seq(&v)?
            .into_iter()
            .map(|h| r.account_id(h))
            .collect::<Result<Vec<_>, _>>()?;

        let alpha_v1 = md.storage_entry(SUBTENSOR_PALLET, "Alpha")?;
        let alpha_v2 = md.storage_entry(SUBTENSOR_PALLET, "AlphaV2")?;
        let position_kinds = [KeyKind::AccountId, KeyKind::AccountId, KeyKind::U16];
        // (hotkey, netuid) → share, v1 winning over v2 as on chain.
        let mut shares: BTreeMap<(usize, u16), SafeFloat> = BTreeMap::new();
        for (i, hot) in hotkeys.iter().enumerate() {
            let pair = [KeyArg::AccountId(*hot), KeyArg::AccountId(*coldkey)];
            for (entry, v1) in [(&alpha_v2, false), (&alpha_v1, true)] {
                let r = Reader {
                    types,
                    item: entry.item(),
                };
                let prefix = entry.partial_key(&pair)?;
                for (key, value) in self.source.storage_descendants(at, &prefix).await? {
                    let netuid = netuid_of(&entry.decode_key(&key, &position_kinds)?, 2);
                    let v = required(entry, Some(&value))?;
                    let share = if v1 {
                        SafeFloat::from_u64f64_bits(r.u128(&v)?)
                    } else {
                        safe_float(&r, &v)?
                    };
                    shares.insert((i, netuid), share);
                }
            }
        }

        // Hotkey pools for every (hotkey, netuid) with shares: TotalHotkeyAlpha and
        // TotalHotkeyShares (v1 if present, else V2).
        let total_alpha = md.storage_entry(SUBTENSOR_PALLET, "TotalHotkeyAlpha")?;
        let total_v1 = md.storage_entry(SUBTENSOR_PALLET, "TotalHotkeyShares")?;
        let total_v2 = md.storage_entry(SUBTENSOR_PALLET, "TotalHotkeySharesV2")?;
        let mut keys = Vec::new();
        for (i, netuid) in shares.keys() {
            let args = [KeyArg::AccountId(hotkeys[*i]), KeyArg::U16(*netuid)];
            keys.push(total_alpha.key(&args)?);
            keys.push(total_v1.key(&args)?);
            keys.push(total_v2.key(&args)?);
        }
        let values = self.source.storage(at, &keys).await?;
        let mut netuids: Vec<u16> = shares.keys().map(|(_, n)| *n).collect();
        netuids.sort_unstable();
        netuids.dedup();
        let pools: BTreeMap<u16, Pool> = self
            .pools(at, &md, &netuids)
            .await?
            .into_iter()
            .map(|p| (p.netuid, p.pool))
            .collect();

        let mut out = Vec::new();
        for (((i, netuid), share), raw) in shares.iter().zip(values.chunks(3)) {
            let value = Reader {
                types,
                item: total_alpha.item(),
            }
            .u64(&required(&total_alpha, raw[0].as_deref())?)?;
            let denominator = match &raw[1] {
                Some(bytes) => SafeFloat::from_u64f64_bits(
                    Reader {
                        types,
                        item: total_v1.item(),
                    }
                    .u128(&required(&total_v1, Some(bytes))?)?,
                ),
                None => safe_float(
                    &Reader {
                        types,
                        item: total_v2.item(),
                    },
                    &required(&total_v2, raw[2].as_deref())?,
                )?,
            };
            let hotkey_pool = SharePool { value, denominator };
            let alpha = hotkey_pool.value_of(share);
            if alpha == 0 {
                continue;
            }
            let pool = pools[netuid];
            out.push(StakePosition {
                hotkey: hotkeys[*i],
                netuid: *netuid,
                alpha,
                tao_value: pool.sim_swap_alpha_for_tao(alpha).tao_amount,
                spot_tao_value: fu64(fmul(fx(alpha), pool.price())),
                share: *share,
                hotkey_pool,
            });
        }
        Ok(out)
    }

    /// Pools of `netuids` (one batched storage read).
    async fn pools(
        &self,
        at: &[u8; 32],
        md: &RuntimeMetadata,
        netuids: &[u16],
    ) -> Result<Vec<SubnetPool>, ChainError> {
        let entries = [
            md.storage_entry(SUBTENSOR_PALLET, "SubnetTAO")?,
            md.storage_entry(SUBTENSOR_PALLET, "SubnetAlphaIn")?,
            md.storage_entry(SUBTENSOR_PALLET, "SubnetAlphaOut")?,
            md.storage_entry(SUBTENSOR_PALLET, "SubnetMechanism")?,
            md.storage_entry(SWAP_PALLET, "SwapBalancer")?,
            md.storage_entry(SWAP_PALLET, "FeeRate")?,
        ];
        let mut keys = Vec::with_capacity(netuids.len() * entries.len());
        for n in netuids {
            for e in &entries {
                keys.push(e.key(&[KeyArg::U16(*n)])?);
            }
        }
        let values = self.source.storage(at, &keys).await?;
        let types = md.types();
        let mut out = Vec::with_capacity(netuids.len());
        for (netuid, raw) in netuids.iter().zip(values.chunks(entries.len())) {
            let decoded = entries
                .iter()
                .zip(raw)
                .map(|(e, b)| required(e, b.as_deref()))
                .collect::<Result<Vec<_>, _>>()?;
            let reader = |i: usize| Reader {
                types,
                item: entries[i].item(),
            };
            let tao = reader(0).u64(&decoded[0])?;
            let alpha_in = reader(1).u64(&decoded[1])?;
            let alpha_out = reader(2).u64(&decoded[2])?;
            let mechanism = reader(3).u16(&decoded[3])?;
            let weight = reader(4).u64(reader(4).field(&decoded[4], "quote")?)?;
            let fee_rate = reader(5).u16(&decoded[5])?;
            let pool = Pool::new(tao, alpha_in, weight, fee_rate, mechanism).map_err(|e| {
                ChainError::Decode {
                    item: format!("pool of subnet {netuid}"),
                    reason: format!(
                        "{e:?} (weight {weight}, fee rate {fee_rate}): not a pool the chain allows"
                    ),
                }
            })?;
            out.push(SubnetPool {
                netuid: *netuid,
                pool,
                alpha_out,
            });
        }
        Ok(out)
    }

    async fn one(&self, at: &[u8; 32], key: Vec<u8>) -> Result<Option<Vec<u8>>, ChainError> {
        Ok(self.source.storage(at, &[key]).await?.pop().flatten())
    }
}

/// The `U16` key at `index` of keys decoded with a `KeyKind::U16` there (0 otherwise, which
/// `decode_key` rules out).
fn netuid_of(keys: &[KeyArg], index: usize) -> u16 {
    match keys.get(index) {
        Some(KeyArg::U16(n)) => *n,
        _ => 0,
    }
}

/// The decoded value of an entry, or its default; an error for an absent `OptionQuery` value.
fn required(entry: &StorageEntry<'_>, bytes: Option<&[u8]>) -> Result<TypedValue, ChainError> {
    entry
        .decode_value(bytes)?
        .ok_or_else(|| ChainError::Decode {
            item: entry.item().to_owned(),
            reason: "absent and the entry has no default".to_owned(),
        })
}

fn account_info(r: &Reader<'_>, v: &TypedValue) -> Result<AccountInfo, ChainError> {
    let data = r.field(v, "data")?;
    Ok(AccountInfo {
        nonce: r.u32(r.field(v, "nonce")?)?,
        consumers: r.u32(r.field(v, "consumers")?)?,
        providers: r.u32(r.field(v, "providers")?)?,
        sufficients: r.u32(r.field(v, "sufficients")?)?,
        free: r.u64(r.field(data, "free")?)?,
        reserved: r.u64(r.field(data, "reserved")?)?,
        frozen: r.u64(r.field(data, "frozen")?)?,
        flags: r.u128(r.field(data, "flags")?)?,
    })
}

/// A `SafeFloat { mantissa: u128, exponent: i64 }`.
fn safe_float(r: &Reader<'_>, v: &TypedValue) -> Result<SafeFloat, ChainError> {
    Ok(SafeFloat {
        mantissa: r.u128(r.field(v, "mantissa")?)?,
        exponent: r.i64(r.field(v, "exponent")?)?,
    })
}

#[cfg(test)]
mod tests;
