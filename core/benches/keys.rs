//! Native benchmarks of `taolight_core::keys`: mnemonic → keypair, derivation, sign, verify.
//!
//! Run: `cargo bench -p taolight-core --bench keys`. Results go in BENCHMARKS.md ("keys (native)").

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use taolight_core::keys::{CryptoType, Keypair, Mnemonic, ss58, verify};

const PHRASE: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
const MSG: &[u8] = b"hello bittensor";

fn bench_keys(c: &mut Criterion) {
    c.bench_function("mnemonic_parse_12_words", |b| {
        b.iter(|| Mnemonic::parse(black_box(PHRASE)).unwrap())
    });
    c.bench_function("mnemonic_to_sr25519_keypair", |b| {
        b.iter(|| Keypair::from_phrase(black_box(PHRASE), None, CryptoType::Sr25519).unwrap())
    });
    c.bench_function("mnemonic_to_ed25519_keypair", |b| {
        b.iter(|| Keypair::from_phrase(black_box(PHRASE), None, CryptoType::Ed25519).unwrap())
    });

    let sr = Keypair::from_phrase(PHRASE, None, CryptoType::Sr25519).unwrap();
    let ed = Keypair::from_phrase(PHRASE, None, CryptoType::Ed25519).unwrap();
    c.bench_function("sr25519_derive_hard_soft", |b| {
        b.iter(|| sr.derive(black_box("//hard/soft")).unwrap())
    });
    c.bench_function("ed25519_derive_hard_hard", |b| {
        b.iter(|| ed.derive(black_box("//hard//hard")).unwrap())
    });

    let sr_sig = sr.sign(MSG);
    let ed_sig = ed.sign(MSG);
    let (sr_pub, ed_pub) = (sr.public(), ed.public());
    c.bench_function("sr25519_sign", |b| b.iter(|| sr.sign(black_box(MSG))));
    c.bench_function("sr25519_verify", |b| {
        b.iter(|| {
            assert!(verify(
                CryptoType::Sr25519,
                &sr_pub,
                black_box(MSG),
                &sr_sig
            ))
        })
    });
    c.bench_function("ed25519_sign", |b| b.iter(|| ed.sign(black_box(MSG))));
    c.bench_function("ed25519_verify", |b| {
        b.iter(|| {
            assert!(verify(
                CryptoType::Ed25519,
                &ed_pub,
                black_box(MSG),
                &ed_sig
            ))
        })
    });

    let address = sr.address();
    c.bench_function("ss58_encode", |b| {
        b.iter(|| ss58::encode(black_box(sr_pub.as_bytes()), 42))
    });
    c.bench_function("ss58_decode", |b| {
        b.iter(|| ss58::decode(black_box(&address)).unwrap())
    });
}

criterion_group!(benches, bench_keys);
criterion_main!(benches);
