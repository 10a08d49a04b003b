//! The flows: each reads the state it needs at the finalized block, quotes with
//! [`crate::stake`], runs the guards, builds the call and returns a [`Plan`].

use alloc::{sync::Arc, vec, vec::Vec};

use crate::chain::{AccountInfo, BlockRef};
use crate::keys::{CryptoType, PublicKey, Signature};
use crate::stake::{
    MIN_PRICE_RAO, MIN_STAKE, Pool,
    fixed::{fmul, fu64, fx},
    quote_move,
};
use crate::tx::{
    Call, MetadataHashMode, Mortality, SignedExtrinsic, SigningPayload, TxParams, calls,
};

use super::client::Runtime;
use super::guards::{
    check_fill, check_position, check_spendable, check_stake_minimum, check_unstake_minimum,
    pool_warnings,
};
use super::{Action, Plan, PlanQuote, PositionQuote, Slippage, Wallet, WalletError, Warning};

/// The root subnet.
const ROOT: u16 = 0;

/// State every flow reads first.
struct Read {
    at: BlockRef,
    rt: Arc<Runtime>,
    account: AccountInfo,
}

/// What a flow hands to [`Wallet::finish`].
struct Draft {
    action: Action,
    call: Call,
    quote: PlanQuote,
    expected_out: u64,
    swap_fee: u64,
    price_impact_ppb: u64,
    limit_price: Option<u64>,
    warnings: Vec<Warning>,
    /// TAO leaving the free balance besides the fee, and whether the account must stay alive;
    /// `None` for flows whose fee the chain may take in alpha (unstakes, moves).
    spend: Option<(u64, bool)>,
}

impl Wallet {
    /// Stake `tao` rao (swap fee included) from `coldkey` to `hotkey` on `netuid` with
    /// `add_stake_limit` at the limit price for the slippage tolerance (root: `add_stake`,
    /// 1:1). Guards: subnet exists, minimum stake, balance ≥ tao + fee + tip keeping the
    /// existential deposit, fill-or-kill executable at the limit.
    pub async fn stake(
        &self,
        coldkey: &PublicKey,
        hotkey: &PublicKey,
        netuid: u16,
        tao: u64,
        slippage: Slippage,
    ) -> Result<Plan, WalletError> {
        let tol = slippage.tolerance_ppb()?;
        let r = self.read(coldkey).await?;
        let pool = self.pool(&r.at, netuid).await?;
        check_stake_minimum(&pool, tao)?;
        let md = &r.rt.md;
        if netuid == ROOT {
            let call = calls::add_stake(md, hotkey, netuid, tao)?;
            let draft = Draft {
                action: Action::Stake {
                    hotkey: *hotkey,
                    netuid,
                    tao,
                    limit_price: 0,
                    allow_partial: false,
                },
                call,
                quote: PlanQuote::None,
                expected_out: tao,
                swap_fee: 0,
                price_impact_ppb: 0,
                limit_price: None,
                warnings: vec![],
                spend: Some((tao, true)),
            };
            return self.finish(coldkey, r, draft).await;
        }
        let full = pool.quote_stake(tao, tol)?;
        let mut warnings = Vec::new();
        warnings.extend(check_fill(tao, full.max_at_limit, slippage.allow_partial)?);
        // A partial fill executes `max_at_limit`: quote that.
        let quote = if tao > full.max_at_limit {
            check_stake_minimum(&pool, full.max_at_limit)?;
            let mut q = pool.quote_stake(full.max_at_limit, tol)?;
            q.limit_price = full.limit_price;
            q
        } else {
            full
        };
        warnings.extend(pool_warnings(
            self.config(),
            netuid,
            &pool,
            quote.price_impact_ppb,
        ));
        let call = calls::add_stake_limit(
            md,
            hotkey,
            netuid,
            tao,
            full.limit_price,
            slippage.allow_partial,
        )?;
        let draft = Draft {
            action: Action::Stake {
                hotkey: *hotkey,
                netuid,
                tao,
                limit_price: full.limit_price,
                allow_partial: slippage.allow_partial,
            },
            call,
            expected_out: quote.amount_out,
            swap_fee: quote.fee,
            price_impact_ppb: quote.price_impact_ppb,
            limit_price: Some(full.limit_price),
            quote: PlanQuote::Swap(quote),
            warnings,
            // The chain checks the balance against the amount asked for, even when partial.
            spend: Some((tao, true)),
        };
        self.finish(coldkey, r, draft).await
    }

    /// Unstake `alpha` rao from the position (`coldkey`, `hotkey`, `netuid`) with
    /// `remove_stake_limit` (root: `remove_stake`, 1:1). Guards: subnet exists, alpha ≤
    /// position, TAO out ≥ the 2_000_000 rao minimum, fill-or-kill executable at the limit.
    pub async fn unstake(
        &self,
        coldkey: &PublicKey,
        hotkey: &PublicKey,
        netuid: u16,
        alpha: u64,
        slippage: Slippage,
    ) -> Result<Plan, WalletError> {
        let tol = slippage.tolerance_ppb()?;
        let r = self.read(coldkey).await?;
        let pool = self.pool(&r.at, netuid).await?;
        let held = self.position(&r.at, coldkey, hotkey, netuid).await?;
        check_position(alpha, held)?;
        check_unstake_minimum(&pool, alpha, false)?;
        let md = &r.rt.md;
        if netuid == ROOT {
            let draft = Draft {
                action: Action::Unstake {
                    hotkey: *hotkey,
                    netuid,
                    alpha,
                    limit_price: 0,
                    allow_partial: false,
                },
                call: calls::remove_stake(md, hotkey, netuid, alpha)?,
                quote: PlanQuote::None,
                expected_out: alpha,
                swap_fee: 0,
                price_impact_ppb: 0,
                limit_price: None,
                warnings: vec![],
                spend: None,
            };
            return self.finish(coldkey, r, draft).await;
        }
        let full = pool.quote_unstake(alpha, tol)?;
        let mut warnings = Vec::new();
        warnings.extend(check_fill(
            alpha,
            full.max_at_limit,
            slippage.allow_partial,
        )?);
        let quote = if alpha > full.max_at_limit {
            check_unstake_minimum(&pool, full.max_at_limit, false)?;
            let mut q = pool.quote_unstake(full.max_at_limit, tol)?;
            q.limit_price = full.limit_price;
            q
        } else {
            full
        };
        warnings.extend(pool_warnings(
            self.config(),
            netuid,
            &pool,
            quote.price_impact_ppb,
        ));
        let draft = Draft {
            action: Action::Unstake {
                hotkey: *hotkey,
                netuid,
                alpha,
                limit_price: full.limit_price,
                allow_partial: slippage.allow_partial,
            },
            call: calls::remove_stake_limit(
                md,
                hotkey,
                netuid,
                alpha,
                full.limit_price,
                slippage.allow_partial,
            )?,
            expected_out: quote.amount_out,
            swap_fee: quote.fee,
            price_impact_ppb: quote.price_impact_ppb,
            limit_price: Some(full.limit_price),
            quote: PlanQuote::Swap(quote),
            warnings,
            spend: None,
        };
        self.finish(coldkey, r, draft).await
    }

    /// Unstake the whole position (`coldkey`, `hotkey`, `netuid`) with
    /// `remove_stake_full_limit` (fill-or-kill at the tolerance's limit; no limit on root).
    pub async fn unstake_full(
        &self,
        coldkey: &PublicKey,
        hotkey: &PublicKey,
        netuid: u16,
        slippage: Slippage,
    ) -> Result<Plan, WalletError> {
        let tol = slippage.tolerance_ppb()?;
        let r = self.read(coldkey).await?;
        let pool = self.pool(&r.at, netuid).await?;
        let alpha = self.position(&r.at, coldkey, hotkey, netuid).await?;
        if alpha == 0 {
            return Err(WalletError::NoPosition { netuid });
        }
        check_unstake_minimum(&pool, alpha, true)?;
        let md = &r.rt.md;
        let (quote, limit_price, mut warnings) = if netuid == ROOT {
            (None, None, vec![])
        } else {
            let q = pool.quote_unstake(alpha, tol)?;
            check_fill(alpha, q.max_at_limit, false)?;
            let w = pool_warnings(self.config(), netuid, &pool, q.price_impact_ppb);
            (Some(q), Some(q.limit_price), w)
        };
        if quote.is_none() {
            warnings.clear();
        }
        let draft = Draft {
            action: Action::UnstakeFull {
                hotkey: *hotkey,
                netuid,
                alpha,
                limit_price,
            },
            call: calls::remove_stake_full_limit(md, hotkey, netuid, limit_price)?,
            expected_out: quote.map_or(alpha, |q| q.amount_out),
            swap_fee: quote.map_or(0, |q| q.fee),
            price_impact_ppb: quote.map_or(0, |q| q.price_impact_ppb),
            limit_price,
            quote: quote.map_or(PlanQuote::None, PlanQuote::Swap),
            warnings,
            spend: None,
        };
        self.finish(coldkey, r, draft).await
    }

    /// `unstake_all(hotkey)`: every position of `coldkey` on `hotkey` sold to free TAO at the
    /// minimum price (no price protection).
    pub async fn unstake_all(
        &self,
        coldkey: &PublicKey,
        hotkey: &PublicKey,
    ) -> Result<Plan, WalletError> {
        self.unstake_all_flow(coldkey, hotkey, false).await
    }

    /// `unstake_all_alpha(hotkey)`: every non-root position of `coldkey` on `hotkey` sold,
    /// the TAO restaked on root (1:1).
    pub async fn unstake_all_alpha(
        &self,
        coldkey: &PublicKey,
        hotkey: &PublicKey,
    ) -> Result<Plan, WalletError> {
        self.unstake_all_flow(coldkey, hotkey, true).await
    }

    async fn unstake_all_flow(
        &self,
        coldkey: &PublicKey,
        hotkey: &PublicKey,
        alpha_only: bool,
    ) -> Result<Plan, WalletError> {
        let r = self.read(coldkey).await?;
        let positions = self
            .reader()
            .stake_positions(&r.at.hash, &coldkey.0)
            .await?;
        let mut quotes = Vec::new();
        let mut warnings = vec![Warning::NoPriceProtection];
        for p in positions.iter().filter(|p| p.hotkey == hotkey.0) {
            if alpha_only && p.netuid == ROOT {
                continue;
            }
            let pool = self.reader().subnet_pool(&r.at.hash, p.netuid).await?.pool;
            // The chain skips positions whose full unstake does not validate.
            if pool.validate_remove_stake(p.alpha, true).is_err() {
                continue;
            }
            let (quote, tao_out) = if pool.is_dynamic() {
                let mut after = pool;
                let o = after.unstake(p.alpha, MIN_PRICE_RAO, false)?;
                let q = pool.quote_unstake(p.alpha, 0)?;
                warnings.extend(pool_warnings(
                    self.config(),
                    p.netuid,
                    &pool,
                    q.price_impact_ppb,
                ));
                (Some(q), o.swap.amount_paid_out)
            } else {
                (None, p.alpha)
            };
            quotes.push(PositionQuote {
                netuid: p.netuid,
                alpha: p.alpha,
                quote,
                tao_out,
            });
        }
        if quotes.is_empty() {
            return Err(WalletError::NoPosition {
                netuid: if alpha_only { 1 } else { ROOT },
            });
        }
        let md = &r.rt.md;
        let (action, call) = if alpha_only {
            (
                Action::UnstakeAllAlpha { hotkey: *hotkey },
                calls::unstake_all_alpha(md, hotkey)?,
            )
        } else {
            (
                Action::UnstakeAll { hotkey: *hotkey },
                calls::unstake_all(md, hotkey)?,
            )
        };
        let draft = Draft {
            action,
            call,
            expected_out: quotes.iter().map(|q| q.tao_out).sum(),
            swap_fee: quotes.iter().filter_map(|q| q.quote).map(|q| q.fee).sum(),
            price_impact_ppb: quotes
                .iter()
                .filter_map(|q| q.quote)
                .map(|q| q.price_impact_ppb)
                .max()
                .unwrap_or(0),
            limit_price: None,
            quote: PlanQuote::Positions(quotes),
            warnings,
            spend: None,
        };
        self.finish(coldkey, r, draft).await
    }

    /// `move_stake`: `alpha` of (`coldkey`, `origin_hotkey`, `origin_netuid`) to
    /// `destination_hotkey` on `destination_netuid` (no price protection on cross-subnet moves).
    pub async fn move_stake(
        &self,
        coldkey: &PublicKey,
        origin_hotkey: &PublicKey,
        destination_hotkey: &PublicKey,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha: u64,
    ) -> Result<Plan, WalletError> {
        let r = self.read(coldkey).await?;
        let (quote, warnings) = self
            .move_quote(
                &r,
                coldkey,
                origin_hotkey,
                origin_netuid,
                destination_netuid,
                alpha,
                None,
            )
            .await?;
        let call = calls::move_stake(
            &r.rt.md,
            origin_hotkey,
            destination_hotkey,
            origin_netuid,
            destination_netuid,
            alpha,
        )?;
        let action = Action::MoveStake {
            origin_hotkey: *origin_hotkey,
            destination_hotkey: *destination_hotkey,
            origin_netuid,
            destination_netuid,
            alpha,
        };
        self.finish(
            coldkey,
            r,
            move_draft(action, call, quote, alpha, None, warnings),
        )
        .await
    }

    /// `transfer_stake`: `alpha` of (`coldkey`, `hotkey`, `origin_netuid`) becomes
    /// `destination_coldkey`'s stake on `destination_netuid`.
    pub async fn transfer_stake(
        &self,
        coldkey: &PublicKey,
        destination_coldkey: &PublicKey,
        hotkey: &PublicKey,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha: u64,
    ) -> Result<Plan, WalletError> {
        let r = self.read(coldkey).await?;
        let (quote, warnings) = self
            .move_quote(
                &r,
                coldkey,
                hotkey,
                origin_netuid,
                destination_netuid,
                alpha,
                None,
            )
            .await?;
        let call = calls::transfer_stake(
            &r.rt.md,
            destination_coldkey,
            hotkey,
            origin_netuid,
            destination_netuid,
            alpha,
        )?;
        let action = Action::TransferStake {
            destination_coldkey: *destination_coldkey,
            hotkey: *hotkey,
            origin_netuid,
            destination_netuid,
            alpha,
        };
        self.finish(
            coldkey,
            r,
            move_draft(action, call, quote, alpha, None, warnings),
        )
        .await
    }

    /// `swap_stake` (or `swap_stake_limit` with a [`Slippage`]): `alpha` of (`coldkey`,
    /// `hotkey`, `origin_netuid`) to `destination_netuid`. The chain's limit sizes the move
    /// (price ratio origin/destination); it does not bound the legs' prices.
    pub async fn swap_stake(
        &self,
        coldkey: &PublicKey,
        hotkey: &PublicKey,
        origin_netuid: u16,
        destination_netuid: u16,
        alpha: u64,
        slippage: Option<Slippage>,
    ) -> Result<Plan, WalletError> {
        let r = self.read(coldkey).await?;
        let (quote, mut warnings) = self
            .move_quote(
                &r,
                coldkey,
                hotkey,
                origin_netuid,
                destination_netuid,
                alpha,
                slippage,
            )
            .await?;
        let md = &r.rt.md;
        let (call, limit) = match (slippage, &quote) {
            (Some(s), Some(q)) => {
                warnings.extend(check_fill(alpha, q.max_at_limit, s.allow_partial)?);
                (
                    calls::swap_stake_limit(
                        md,
                        hotkey,
                        origin_netuid,
                        destination_netuid,
                        alpha,
                        q.limit_price,
                        s.allow_partial,
                    )?,
                    Some((q.limit_price, s.allow_partial)),
                )
            }
            (Some(_), None) => {
                return Err(WalletError::Unsupported(
                    "a limit on a same-subnet swap (no price is involved)".into(),
                ));
            }
            (None, _) => (
                calls::swap_stake(md, hotkey, origin_netuid, destination_netuid, alpha)?,
                None,
            ),
        };
        let action = Action::SwapStake {
            hotkey: *hotkey,
            origin_netuid,
            destination_netuid,
            alpha,
            limit,
        };
        let limit_price = limit.map(|(l, _)| l);
        self.finish(
            coldkey,
            r,
            move_draft(action, call, quote, alpha, limit_price, warnings),
        )
        .await
    }

    /// Transfer `rao` to `dest`: `transfer_keep_alive` by default, `transfer_allow_death` with
    /// `keep_alive = false` (then [`Warning::AccountReaped`] if the sender would fall below the
    /// existential deposit). Guard: balance ≥ rao + fee + tip (+ existential deposit).
    pub async fn transfer(
        &self,
        coldkey: &PublicKey,
        dest: &PublicKey,
        rao: u64,
        keep_alive: bool,
    ) -> Result<Plan, WalletError> {
        if rao == 0 {
            return Err(WalletError::ZeroAmount);
        }
        let r = self.read(coldkey).await?;
        let md = &r.rt.md;
        let call = if keep_alive {
            calls::transfer_keep_alive(md, dest, rao)?
        } else {
            calls::transfer_allow_death(md, dest, rao)?
        };
        let draft = Draft {
            action: Action::Transfer {
                dest: *dest,
                rao,
                keep_alive,
            },
            call,
            quote: PlanQuote::None,
            expected_out: rao,
            swap_fee: 0,
            price_impact_ppb: 0,
            limit_price: None,
            warnings: vec![],
            spend: Some((rao, keep_alive)),
        };
        self.finish(coldkey, r, draft).await
    }

    /// Finalized block, runtime context and the signer's account.
    async fn read(&self, signer: &PublicKey) -> Result<Read, WalletError> {
        let at = self.finalized().await?;
        let rt = self.runtime(&at.hash).await?;
        let account = self.reader().account(&at.hash, &signer.0).await?;
        Ok(Read { at, rt, account })
    }

    /// The pool of an existing subnet.
    async fn pool(&self, at: &BlockRef, netuid: u16) -> Result<Pool, WalletError> {
        if !self.subnet_exists(&at.hash, netuid).await? {
            return Err(WalletError::UnknownSubnet(netuid));
        }
        Ok(self.reader().subnet_pool(&at.hash, netuid).await?.pool)
    }

    /// Alpha of one position (0 if none).
    async fn position(
        &self,
        at: &BlockRef,
        coldkey: &PublicKey,
        hotkey: &PublicKey,
        netuid: u16,
    ) -> Result<u64, WalletError> {
        Ok(self
            .reader()
            .stake_positions(&at.hash, &coldkey.0)
            .await?
            .iter()
            .find(|p| p.hotkey == hotkey.0 && p.netuid == netuid)
            .map_or(0, |p| p.alpha))
    }

    /// Guards and quote of a move of `alpha` from (`coldkey`, `hotkey`, `origin`) to
    /// `destination`: `None` for same-subnet moves (no swap).
    #[allow(clippy::too_many_arguments)]
    async fn move_quote(
        &self,
        r: &Read,
        coldkey: &PublicKey,
        hotkey: &PublicKey,
        origin: u16,
        destination: u16,
        alpha: u64,
        slippage: Option<Slippage>,
    ) -> Result<(Option<crate::stake::MoveQuote>, Vec<Warning>), WalletError> {
        let tol = match slippage {
            Some(s) => s.tolerance_ppb()?,
            None => 0,
        };
        let o = self.pool(&r.at, origin).await?;
        let d = self.pool(&r.at, destination).await?;
        let held = self.position(&r.at, coldkey, hotkey, origin).await?;
        check_position(alpha, held)?;
        if origin == destination {
            // Same-subnet moves do not swap; they need floor(price·alpha) ≥ 2_000_000.
            let value = fu64(fmul(fx(alpha), o.price()));
            if value < MIN_STAKE {
                return Err(WalletError::BelowMinimumStake {
                    amount: value,
                    minimum: MIN_STAKE,
                });
            }
            return Ok((None, vec![]));
        }
        // Cross-subnet: the origin leg must return more than 2_000_000 rao.
        let sim = o.sim_swap_alpha_for_tao(alpha);
        if sim.tao_amount <= MIN_STAKE {
            return Err(WalletError::BelowMinimumStake {
                amount: sim.tao_amount,
                minimum: MIN_STAKE + 1,
            });
        }
        let q = quote_move(&o, &d, alpha, origin == ROOT, tol)?;
        let mut warnings = vec![Warning::NoPriceProtection];
        if q.tao_between < MIN_STAKE {
            warnings.push(Warning::MoveLeavesFreeTao { tao: q.tao_between });
        }
        warnings.extend(pool_warnings(self.config(), origin, &o, 0));
        warnings.extend(pool_warnings(self.config(), destination, &d, 0));
        Ok((Some(q), warnings))
    }

    /// Nonce, payload, fee and the balance guard: the plan.
    async fn finish(&self, signer: &PublicKey, r: Read, d: Draft) -> Result<Plan, WalletError> {
        let config = self.config();
        let nonce = self.next_nonce(&r.at.hash, signer).await?;
        let mortality = match config.era_period {
            Some(period) => Mortality::Mortal {
                period,
                number: r.at.number,
                hash: r.at.hash,
            },
            None => Mortality::Immortal,
        };
        let params = TxParams {
            nonce,
            tip: config.tip,
            mortality,
            metadata_hash: r
                .rt
                .metadata_hash
                .map_or(MetadataHashMode::Disabled, MetadataHashMode::Enabled),
        };
        let payload = SigningPayload::new(&r.rt.md, &d.call, signer, &r.rt.ctx, &params)?;
        // The fee of the extrinsic as it will be signed (query_info does not check the
        // signature; sr25519 and ed25519 signatures have the same length).
        let shape = SignedExtrinsic {
            signer: *signer,
            crypto: CryptoType::Sr25519,
            signature: Signature([0; 64]),
            extra: payload.extra(),
            call: payload.call.clone(),
        };
        let fee = self
            .reader()
            .query_info(&r.at.hash, &shape.encode())
            .await?;
        let mut warnings = d.warnings;
        if let Some((spend, keep_alive)) = d.spend {
            warnings.extend(check_spendable(
                &r.account,
                r.rt.existential_deposit,
                spend,
                fee.partial_fee.saturating_add(config.tip),
                keep_alive,
            )?);
        }
        Ok(Plan {
            action: d.action,
            signer: *signer,
            at: r.at,
            quote: d.quote,
            expected_out: d.expected_out,
            swap_fee: d.swap_fee,
            price_impact_ppb: d.price_impact_ppb,
            limit_price: d.limit_price,
            fee,
            tip: config.tip,
            warnings,
            call_summary: payload.summary.clone(),
            payload,
        })
    }
}

/// A move/transfer/swap draft from its quote (`None`: same subnet, alpha unchanged).
fn move_draft(
    action: Action,
    call: Call,
    quote: Option<crate::stake::MoveQuote>,
    alpha: u64,
    limit_price: Option<u64>,
    warnings: Vec<Warning>,
) -> Draft {
    Draft {
        action,
        call,
        expected_out: quote.map_or(alpha, |q| q.alpha_out),
        swap_fee: quote.map_or(0, |q| q.origin_fee),
        price_impact_ppb: 0,
        limit_price,
        quote: quote.map_or(PlanQuote::None, PlanQuote::Move),
        warnings,
        spend: None,
    }
}
