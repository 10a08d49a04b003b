//! Published vectors for `taolight_core::keys`: wallets.md §7.1–§7.3 (btwallet 4.1.1 and
//! polkadot.js 14.0.3 agree on every one), the BIP39/SS58 items of §7.6, and polkadot.js
//! `@polkadot/keyring/testing.js` secrets.

use taolight_core::keys::{
    CryptoType, Keypair, KeysError, Mnemonic, PublicKey, Signature, Ss58Address, dev, ss58, verify,
    verify_wrapped_or_raw, wrap_bytes,
};

const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
const ABANDON: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const OLD: &str = "old leopard transfer rib spatial phone calm indicate online fire caution review";
const STOOL: &str = "stool feel open east woman high can denial forget screen trust salt";

fn h(s: &str) -> Vec<u8> {
    hex::decode(s.trim_start_matches("0x")).unwrap()
}

fn h32(s: &str) -> [u8; 32] {
    h(s).try_into().unwrap()
}

#[test]
fn mini_secrets() {
    let cases = [
        (
            DEV,
            "",
            "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e",
        ),
        (
            ABANDON,
            "",
            "0x4ed8d4b17698ddeaa1f1559f152f87b5d472f725ca86d341bd0276f1b61197e2",
        ),
        (
            ABANDON,
            "Substrate",
            "0x44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e3",
        ),
        (
            OLD,
            "",
            "0xda3cf5b1e9144931a0f0db65664aab662673b099415a7f8121b7245fb0be4143",
        ),
        (
            STOOL,
            "",
            "0x023d5fbd7981676587a9f7232aeae1087ac7c265f9658fb643b6f5e61961dfbf",
        ),
    ];
    for (phrase, pass, expected) in cases {
        let m = Mnemonic::parse(phrase).unwrap();
        assert_eq!(
            *m.to_mini_secret(pass),
            h32(expected),
            "{phrase:.10}… / {pass:?}"
        );
    }
    // The mini-secret is not the BIP39 seed (which starts 5eb00bbddcf069084889 for abandon…about).
    let m = Mnemonic::parse(ABANDON).unwrap();
    assert!(!hex::encode(*m.to_mini_secret("")).starts_with("5eb00bbd"));
    // Keypair keeps it as btwallet's `secretSeed`, and the phrase as `secretPhrase`.
    let kp = Keypair::from_phrase(STOOL, None, CryptoType::Sr25519).unwrap();
    assert_eq!(
        kp.mini_secret(),
        Some(&h32(
            "0x023d5fbd7981676587a9f7232aeae1087ac7c265f9658fb643b6f5e61961dfbf"
        ))
    );
    assert_eq!(kp.phrase(), Some(STOOL));
    let kp = Keypair::from_phrase(ABANDON, Some("Substrate"), CryptoType::Sr25519).unwrap();
    assert_eq!(
        kp.mini_secret(),
        Some(&h32(
            "0x44e9d125f037ac1d51f0a7d3649689d422c2af8b1ec8e00d71db4d7bf6d127e3"
        ))
    );
    assert_eq!(
        kp.phrase(),
        None,
        "a phrase alone would reload to a different key"
    );
}

/// (uri, SS58 at 42, public key or "" when the document gives only the address)
const SR25519: &[(&str, &str, &str)] = &[
    (
        "//Alice",
        "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
        "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d",
    ),
    (
        "//Bob",
        "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
        "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48",
    ),
    (
        "//Charlie",
        "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y",
        "90b5ab205c6974c9ea841be688864633dc9ca8a357843eeacf2314649965fe22",
    ),
    (
        "//Dave",
        "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy",
        "306721211d5404bd9da88e0204360a1a9ab8b87c66c1bc2fcdd37f3c2222cc20",
    ),
    (
        "//Eve",
        "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw",
        "e659a7a1628cdd93febc04a4e0646ea20e9f5f0ce097d9a05290d4a9e054df4e",
    ),
    (
        "//Ferdie",
        "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL",
        "1cbd2d43530a44705ad088af313e18f80b53ef16b36177cd4b77b846f2a5f07c",
    ),
    (
        "//Alice//stash",
        "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY",
        "be5ddb1579b72e84524fc29e78609e3caf42e85aa118ebfe0b0ad404b5bdd25f",
    ),
    (
        "//Bob//stash",
        "5HpG9w8EBLe5XCrbczpwq5TSXvedjrBGCwqxK1iQ7qUsSWFc",
        "fe65717dad0447d715f660a0a58411de509b42e6efb8375f562f58a554d5860e",
    ),
    (
        DEV,
        "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV",
        "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a",
    ),
    (
        "bottom drive obey lake curtain smoke basket hold race lonely fit walk///password",
        "5GC6LfpV352HtJPySfAecb5JdePtf4R9Vq49NUU8RhzgBqgq",
        "b69355deefa7a8f33e9297f5af22e680f03597a99d4f4b1c44be47e7a2275802",
    ),
    (
        "//Alice///password",
        "5DDZ925gBq5PjNFM8yKTKWVoq1mf9veLGFHvpC6sHWXk6Wpe",
        "32fc18294f88e02ec071e59bb3996aa21f4519d92593dc6e01fda2921d459b23",
    ),
    (
        "//Bob/test",
        "5CJGwWiKXSE16WJaxBdPZhWqUYkotgenLUALv7ZvqQ4TXeqf",
        "0a598f2fd29478d76527c68ce40356d14d82efffe2743152540da3dae30eb50f",
    ),
    (
        "/Bob//test",
        "5Cwc8tShrshDJUp1P1M21dKUTcYQpV9GcfSa4hUBNmMdV3Cx",
        "26d24258d7c1af0b493b479dc8ba19bda10fd6034cd041fc46f1f282f5206f7c",
    ),
    (
        "//Alice/0",
        "5FKxrLQM24ZhLxcaQfJR3uMxMZh5gU6E4CP3yghPJLzCDnHN",
        "9057db4878163172ea51d570612043a98971737bf608b544991130ac110b0801",
    ),
    (
        "//0",
        "5D34dL5prEUaGNQtPPZ3yN5Y6BnkfXunKXXz6fo7ZJbLwRRH",
        "2afba9278e30ccf6a6ceb3a8b6e336b70068f045c666f2e7f4f9cc5f47db8972",
    ),
    (
        "//1",
        "5GBNeWRhZc2jXu7D55rBimKYDk8PGk8itRYFTPfC8RJLKG5o",
        "b606fc73f57f03cdb4c932d475ab426043e429cecc2ffff0d2672b0df8398c48",
    ),
    (
        "//bittensor",
        "5FsTHsk5Q9ek2vzwB5Ee4QDjxctJQoQmcF5K7C3MvUggmWnC",
        "a85c33eef3fa0bf2ca47737d5ec518d29fbaf30506399e031da8db0667793a44",
    ),
    (
        "//PathNameLongerThan32BytesWhichShouldBeHashed",
        "5GR5pfZeNs1uQiSWVxZaQiZou3wdZiX894eqgvfNfHbEh7W2",
        "c07bc8c436916955dc5254f8ed9747ca47c4cc1562da3641e4f7cceb2049dd2b",
    ),
    (
        OLD,
        "5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX",
        "e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446",
    ),
    (
        "old leopard transfer rib spatial phone calm indicate online fire caution review//Alice",
        "5FEiH8iuDUw271xbqWTWuB6WrDjv5dnCeDX1CyHubAniXDNN",
        "",
    ),
    (
        "old leopard transfer rib spatial phone calm indicate online fire caution review/Alice",
        "5GNXbA46ma5dg19GXdiKi5JH3mnkZ8Yea3bBtZAvj7t99P9i",
        "",
    ),
    (
        STOOL,
        "5F7cAYCZEBz21YEjzSZPGyP7W2fva7qUXDexxXsVezSHyktz",
        "86eb46a3f42935d901acc3b8910ca301d969b76cfc2a80f0eac733a8eda7ed24",
    ),
    (
        ABANDON,
        "5EPCUjPxiHAcNooYipQFWr9NmmXJKpNG5RhcntXwbtUySrgH",
        "66933bd1f37070ef87bd1198af3dacceb095237f803f3d32b173e6b425ed7972",
    ),
];

const ED25519: &[(&str, &str, &str)] = &[
    (
        "//Alice",
        "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu",
        "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee",
    ),
    (
        "//Bob",
        "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E",
        "d17c2d7823ebf260fd138f2d7e27d114c0145d968b5ff5006125f2414fadae69",
    ),
    (
        DEV,
        "5DFJF7tY4bpbpcKPJcBTQaKuCDEPCpiz8TRjpmLeTtweqmXL",
        "345071da55e5dccefaaa440339415ef9f2663338a38f7da0df21be5ab4e055ef",
    ),
    (
        OLD,
        "5HhFH9GvwCST4kRVoFREE7qDJcjYteR5unhQCrBGhhGuRgNb",
        "f90bc712b5f2864051353177a9d627605d4bf7ec36c7df568cfdcea9f237c185",
    ),
    (
        STOOL,
        "5G7GiZUDMQqBNaYwjiJrPTD8jq595E8tg7kxAhaa4gTZEG4M",
        "b2e60abbf5bb4f0bef335a1d5af751cab3cd4dc0fe0d42f276d61ba60d516001",
    ),
    (
        ABANDON,
        "5FM25N8HGtacre9TnWQGRK32d1kUp1Gs6Dd7YiYpSPZLjmj6",
        "9125f505bdef2cb5825b9931769316d3e2f22150786489a04f39b434ec9fb294",
    ),
];

fn check_rows(rows: &[(&str, &str, &str)], crypto: CryptoType) {
    for &(uri, address, public) in rows {
        let kp = Keypair::from_uri(uri, crypto).unwrap_or_else(|e| panic!("{uri}: {e}"));
        assert_eq!(kp.crypto_type(), crypto);
        assert_eq!(kp.address(), address, "{crypto:?} {uri}");
        assert_eq!(kp.public().to_ss58(42), address);
        if !public.is_empty() {
            assert_eq!(kp.public(), PublicKey(h32(public)), "{crypto:?} {uri}");
        }
        assert_eq!(ss58::decode(address).unwrap(), (42, kp.public().0));
    }
}

#[test]
fn sr25519_suri_rows() {
    check_rows(SR25519, CryptoType::Sr25519);
}

#[test]
fn ed25519_suri_rows() {
    check_rows(ED25519, CryptoType::Ed25519);
}

#[test]
fn derive_on_a_keypair_matches_the_full_uri() {
    let root = Keypair::from_phrase(DEV, None, CryptoType::Sr25519).unwrap();
    for (path, uri) in [
        ("//Alice", "//Alice"),
        ("//Bob/test", "//Bob/test"),
        ("/Bob//test", "/Bob//test"),
        ("//Alice//stash", "//Alice//stash"),
    ] {
        let derived = root.derive(path).unwrap();
        assert_eq!(
            derived.public(),
            Keypair::from_uri(uri, CryptoType::Sr25519)
                .unwrap()
                .public(),
            "{path}"
        );
        assert_eq!(derived.mini_secret(), None);
        assert_eq!(derived.phrase(), None);
    }
    // Stepwise derivation equals one-shot derivation.
    assert_eq!(
        root.derive("//Alice")
            .unwrap()
            .derive("//stash")
            .unwrap()
            .address(),
        "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY"
    );
    let ed = Keypair::from_phrase(DEV, None, CryptoType::Ed25519).unwrap();
    assert_eq!(
        ed.derive("//Bob").unwrap().address(),
        "5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E"
    );
    // An empty path is the key itself.
    assert_eq!(root.derive("").unwrap().public(), root.public());
}

#[test]
fn hex_seed_uris() {
    let seed = "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e";
    let kp = Keypair::from_uri(seed, CryptoType::Sr25519).unwrap();
    assert_eq!(
        kp.address(),
        "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV"
    );
    assert_eq!(kp.mini_secret(), Some(&h32(seed)));
    assert_eq!(kp.phrase(), None);
    let alice = Keypair::from_uri(&format!("{seed}//Alice"), CryptoType::Sr25519).unwrap();
    assert_eq!(
        alice.address(),
        "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    );
    let alice_ed = Keypair::from_uri(&format!("{seed}//Alice"), CryptoType::Ed25519).unwrap();
    assert_eq!(
        alice_ed.address(),
        "5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu"
    );
    // Upper-case hex digits are accepted, like sp-core.
    assert_eq!(
        Keypair::from_uri(
            &seed.to_uppercase().replace("0X", "0x"),
            CryptoType::Sr25519
        )
        .unwrap()
        .public(),
        kp.public()
    );
}

#[test]
fn phrase_uri_keeps_phrase_and_seed_only_without_path() {
    let kp = Keypair::from_uri(STOOL, CryptoType::Sr25519).unwrap();
    assert_eq!(kp.phrase(), Some(STOOL));
    assert!(kp.mini_secret().is_some());
    let kp = Keypair::from_uri(&format!("{STOOL}//x"), CryptoType::Sr25519).unwrap();
    assert_eq!((kp.phrase(), kp.mini_secret()), (None, None));
    let kp = Keypair::from_uri(&format!("{DEV}///password"), CryptoType::Sr25519).unwrap();
    assert_eq!(kp.phrase(), None);
    assert!(kp.mini_secret().is_some());
}

#[test]
fn ss58_vectors() {
    let alice = h32("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    assert_eq!(
        ss58::encode(&alice, 0),
        "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"
    );
    assert_eq!(
        ss58::encode(&alice, 2),
        "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F"
    );
    assert_eq!(
        ss58::decode("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5").unwrap(),
        (0, alice)
    );
    assert_eq!(
        ss58::decode("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F").unwrap(),
        (2, alice)
    );
    assert_eq!(
        ss58::encode(&[0; 32], 42),
        "5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM"
    );
    assert_eq!(
        ss58::decode("16ADqpMa4yzfmWs3nuTSMhfZ2ckeGtvqhPWCNqECEGDcGgU2").unwrap(),
        (
            0,
            h32("e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446")
        )
    );
    assert_eq!(
        ss58::decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"),
        Err(KeysError::InvalidSs58Checksum)
    );
    // Ss58Address: FromStr/Display round trip and prefix normalisation.
    let polkadot: Ss58Address = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"
        .parse()
        .unwrap();
    assert_eq!(polkadot.prefix(), 0);
    assert_eq!(
        polkadot.to_string(),
        "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"
    );
    assert_eq!(
        polkadot.with_prefix(42).unwrap().to_string(),
        "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
    );
    assert_eq!(
        Ss58Address::from(PublicKey(alice)).to_string(),
        dev::alice().address()
    );
}

#[test]
fn secret_formats_sr25519() {
    // §7.2: canonical (btwallet privateKey) and polkadot.js (scalar×8 ‖ nonce).
    let canonical = h(
        "2b400f61c21cbaad4d5cb2dcbb4ef4fcdc238b98d04d48c6d2a451ebfd306c0eed845edcc69b0a19a6905afed0dd84c16ebd0f458928f2e91a6b67b95fc0b42f",
    );
    let pjs = h(
        "58017a0813e6d06d6de292e5de75a2e7e71e59c4846e423296268d5aef876173ed845edcc69b0a19a6905afed0dd84c16ebd0f458928f2e91a6b67b95fc0b42f",
    );
    let from_phrase = Keypair::from_phrase(STOOL, None, CryptoType::Sr25519).unwrap();
    assert_eq!(&from_phrase.secret_bytes()[..], &canonical[..]);
    assert_eq!(&from_phrase.pjs_secret()[..], &pjs[..]);
    let a = Keypair::from_sr25519_secret(&canonical).unwrap();
    let b = Keypair::from_sr25519_pjs_secret(&pjs).unwrap();
    assert_eq!(a.public(), from_phrase.public());
    assert_eq!(b.public(), from_phrase.public());
    assert_eq!(&a.pjs_secret()[..], &pjs[..]);
    assert_eq!(&b.secret_bytes()[..], &canonical[..]);
    assert_eq!((a.mini_secret(), a.phrase()), (None, None));

    for (phrase, private) in [
        (
            OLD,
            "1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e",
        ),
        (
            ABANDON,
            "2ec306fc1c5bc2f0e3a2c7a6ec6014ca4a0823a7d7d42ad5e9d7f376a1c36c0d14a2ddb1ef1df4adba49f3a4d8c0f6205117907265f09a53ccf07a4e8616dfd8",
        ),
        (
            DEV,
            "05d65584630d16cd4af6d0bec10f34bb504a5dcb62dba2122d49f5a663763d0afd190cce74df356432b410bd64682309d6dedb27c76845daf388557cbac3ca34",
        ),
    ] {
        let kp = Keypair::from_phrase(phrase, None, CryptoType::Sr25519).unwrap();
        assert_eq!(hex::encode(&*kp.secret_bytes()), private);
        assert_eq!(
            Keypair::from_sr25519_secret(&h(private)).unwrap().public(),
            kp.public()
        );
    }
    // btwallet test: the 64-byte private key of `old leopard…` gives 0xe4359ad3…9446.
    let old = Keypair::from_sr25519_secret(&h("1f1995bdf3a17b60626a26cfe6f564b337d46056b7a1281b64c649d592ccda0a9cffd34d9fb01cae1fba61aeed184c817442a2186d5172416729a4b54dd4b84e")).unwrap();
    assert_eq!(
        old.public(),
        PublicKey(h32(
            "e4359ad3e2716c539a1d663ebd0a51bdc5c98a12e663bb4c4402db47828c9446"
        ))
    );
}

#[test]
fn polkadot_js_testing_pair_bob() {
    // @polkadot/keyring testing.js PAIRSSR25519: Bob's pjs-format secret.
    let bob = Keypair::from_sr25519_pjs_secret(&h("081ff694633e255136bdb456c20a5fc8fed21f8b964c11bb17ff534ce80ebd5941ae88f85d0c1bfc37be41c904e1dfc01de8c8067b0d6d5df25dd1ac0894a325")).unwrap();
    assert_eq!(
        bob.address(),
        "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"
    );
    assert_eq!(bob.public(), dev::bob().public());
    // The keypair signs for Bob's account.
    let sig = bob.sign(b"bob");
    assert!(verify(
        CryptoType::Sr25519,
        &dev::bob().public(),
        b"bob",
        &sig
    ));
}

#[test]
fn ed25519_secret_formats() {
    let kp = Keypair::from_uri("//Alice", CryptoType::Ed25519).unwrap();
    let seed = kp.secret_bytes();
    assert_eq!(seed.len(), 32);
    let again = Keypair::from_ed25519_seed(&seed).unwrap();
    assert_eq!(again.public(), kp.public());
    assert_eq!(again.mini_secret().map(|s| &s[..]), Some(&seed[..]));
    let pjs = kp.pjs_secret();
    assert_eq!(&pjs[..32], &seed[..]);
    assert_eq!(&pjs[32..], kp.public().as_bytes());
    // ed25519 mini-secret == seed, so from_mini_secret and from_ed25519_seed agree.
    let dev_seed = h32("fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
    assert_eq!(
        Keypair::from_mini_secret(&dev_seed, CryptoType::Ed25519).address(),
        "5DFJF7tY4bpbpcKPJcBTQaKuCDEPCpiz8TRjpmLeTtweqmXL"
    );
}

#[test]
fn signatures_hello_bittensor() {
    let msg = b"hello bittensor";
    // ed25519 //Alice: deterministic, byte-exact.
    let alice_ed = Keypair::from_uri("//Alice", CryptoType::Ed25519).unwrap();
    let expected = h(
        "4b793986c78867bc6a34c86a39d3d00d77a7172e660ecbf1d7df90a6bd084c3dd2ab90dfd931b46cda801a0487978d1c5970592b58f5125c8114eacf3d8be903",
    );
    assert_eq!(&alice_ed.sign(msg).0[..], &expected[..]);
    assert!(verify(
        CryptoType::Ed25519,
        &alice_ed.public(),
        msg,
        &Signature::from_slice(&expected).unwrap()
    ));
    // sr25519 //Alice: the published sample verifies; a changed message or byte does not.
    let sample = Signature::from_slice(&h("c61daf8ef73f45c25f4e39dd8b6e0a0419000f592cdb7c58c948de5f3d2c725b31375e86ca7245c3e2d02ca917318382bd9a12ab77d5b8c1e54e68a57d3b4781")).unwrap();
    let alice = dev::alice().public();
    assert!(verify(CryptoType::Sr25519, &alice, msg, &sample));
    assert!(!verify(
        CryptoType::Sr25519,
        &alice,
        b"hello bittensoR",
        &sample
    ));
    assert!(!verify(
        CryptoType::Sr25519,
        &dev::bob().public(),
        msg,
        &sample
    ));
    assert!(!verify(CryptoType::Ed25519, &alice, msg, &sample));
    let mut tampered = sample;
    tampered.0[5] ^= 1;
    assert!(!verify(CryptoType::Sr25519, &alice, msg, &tampered));
    // The sample is not wrapped, so the wrap-tolerant verifier accepts it too.
    assert!(verify_wrapped_or_raw(
        CryptoType::Sr25519,
        &alice,
        msg,
        &sample
    ));
    assert!(verify_wrapped_or_raw(
        CryptoType::Sr25519,
        &alice,
        &wrap_bytes(msg),
        &sample
    ));
}

#[test]
fn dev_accounts() {
    for (account, (uri, address, _)) in dev::DevAccount::ALL.iter().zip(SR25519) {
        assert_eq!(account.uri(), *uri);
        assert_eq!(account.keypair(CryptoType::Sr25519).address(), *address);
    }
    let fns = [
        dev::alice,
        dev::bob,
        dev::charlie,
        dev::dave,
        dev::eve,
        dev::ferdie,
    ];
    for (f, (_, address, _)) in fns.iter().zip(SR25519) {
        assert_eq!(f().address(), *address);
    }
    assert_eq!(
        dev::DevAccount::Bob.keypair(CryptoType::Ed25519).address(),
        ED25519[1].1
    );
    assert_eq!(dev::DEV_PHRASE, DEV);
}
