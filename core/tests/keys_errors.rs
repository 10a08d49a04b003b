//! Bad-input catalogue for `taolight_core::keys`: every case is a specific `KeysError` variant, never
//! a panic. Plus property tests: SS58 round trips, and decoders/parsers never panic on arbitrary input.

use proptest::prelude::*;
use taolight_core::keys::{
    CryptoType, Keypair, KeysError, Mnemonic, PublicKey, SecretUri, Ss58Address, dev, ss58,
};

const DEV: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

fn uri_err(uri: &str) -> KeysError {
    Keypair::from_uri(uri, CryptoType::Sr25519).unwrap_err()
}

#[test]
fn mnemonic_errors() {
    assert!(matches!(
        Mnemonic::parse("bottom drive obey lake"),
        Err(KeysError::InvalidWordCount(4))
    ));
    assert!(matches!(
        Mnemonic::generate(11),
        Err(KeysError::InvalidWordCount(11))
    ));
    assert!(matches!(
        Mnemonic::generate(25),
        Err(KeysError::InvalidWordCount(25))
    ));
    let typo = DEV.replace("curtain", "curtian");
    assert!(matches!(
        Mnemonic::parse(&typo),
        Err(KeysError::UnknownWord { position: 5 })
    ));
    let swapped = DEV.replace("bottom drive", "drive bottom");
    assert!(matches!(
        Mnemonic::parse(&swapped),
        Err(KeysError::InvalidMnemonicChecksum)
    ));
    assert!(matches!(
        Mnemonic::parse_bytes(b"bottom\xc3\x28drive"),
        Err(KeysError::NotUtf8)
    ));
    // Through Keypair and the URI parser the same errors surface.
    assert!(matches!(
        Keypair::from_phrase(&typo, None, CryptoType::Sr25519),
        Err(KeysError::UnknownWord { position: 5 })
    ));
    assert!(matches!(
        uri_err(&format!("{swapped}//Alice")),
        KeysError::InvalidMnemonicChecksum
    ));
    // Upper case is not in the word list (sp-core rejects it too).
    assert!(matches!(
        Mnemonic::parse(&DEV.to_uppercase()),
        Err(KeysError::UnknownWord { position: 1 })
    ));
}

#[test]
fn suri_errors() {
    assert!(matches!(uri_err(""), KeysError::EmptyPhrase));
    assert!(matches!(uri_err("   "), KeysError::EmptyPhrase));
    assert!(matches!(uri_err("  //Alice"), KeysError::EmptyPhrase));
    assert!(matches!(
        uri_err("//"),
        KeysError::EmptyJunction { position: 1 }
    ));
    assert!(matches!(
        uri_err("//Alice//"),
        KeysError::EmptyJunction { position: 2 }
    ));
    assert!(matches!(
        uri_err("//Alice/"),
        KeysError::EmptyJunction { position: 2 }
    ));
    assert!(matches!(
        uri_err(&format!("{DEV}/")),
        KeysError::EmptyJunction { position: 1 }
    ));
    assert!(matches!(uri_err("0xzz"), KeysError::InvalidHexSeed));
    assert!(matches!(uri_err("0x123"), KeysError::InvalidHexSeed));
    assert!(matches!(uri_err("0x"), KeysError::InvalidSeedLength(0)));
    assert!(matches!(uri_err("0x0011"), KeysError::InvalidSeedLength(2)));
    assert!(matches!(
        uri_err(&format!("0x{}", "00".repeat(64))),
        KeysError::InvalidSeedLength(64)
    ));
    assert!(matches!(
        uri_err("not a mnemonic"),
        KeysError::InvalidWordCount(3)
    ));
    assert!(matches!(uri_err("Alice"), KeysError::InvalidWordCount(1)));
    assert!(matches!(
        Keypair::from_uri_bytes(b"//Al\xffice", CryptoType::Sr25519),
        Err(KeysError::NotUtf8)
    ));
    assert!(matches!(
        SecretUri::parse_bytes(b"\x80"),
        Err(KeysError::NotUtf8)
    ));
    // Soft junctions do not exist for ed25519, anywhere in the path.
    assert!(matches!(
        Keypair::from_uri("//Alice/soft", CryptoType::Ed25519),
        Err(KeysError::SoftDerivationNotSupported)
    ));
    assert!(matches!(
        Keypair::from_uri("/Bob//test", CryptoType::Ed25519),
        Err(KeysError::SoftDerivationNotSupported)
    ));
    let ed = dev::DevAccount::Alice.keypair(CryptoType::Ed25519);
    assert!(matches!(
        ed.derive("//a/0"),
        Err(KeysError::SoftDerivationNotSupported)
    ));
    // Keypair::derive takes a path only.
    let alice = dev::alice();
    assert!(matches!(alice.derive("Bob"), Err(KeysError::InvalidPath)));
    assert!(matches!(
        alice.derive("//Bob///pw"),
        Err(KeysError::PasswordInPath)
    ));
    assert!(matches!(
        alice.derive("//"),
        Err(KeysError::EmptyJunction { position: 1 })
    ));
}

#[test]
fn secret_length_and_format_errors() {
    for len in [0, 32, 63, 65, 96] {
        let bytes = vec![1u8; len];
        assert!(matches!(
            Keypair::from_sr25519_secret(&bytes),
            Err(KeysError::InvalidSecretLength { expected: 64, actual, .. }) if actual == len
        ));
        assert!(matches!(
            Keypair::from_sr25519_pjs_secret(&bytes),
            Err(KeysError::InvalidSecretLength { expected: 64, actual, .. }) if actual == len
        ));
    }
    for len in [0, 31, 33, 64] {
        assert!(matches!(
            Keypair::from_ed25519_seed(&vec![1u8; len]),
            Err(KeysError::InvalidSecretLength { expected: 32, actual, .. }) if actual == len
        ));
    }
    // A scalar ≥ the group order is not a canonical sr25519 secret.
    assert!(matches!(
        Keypair::from_sr25519_secret(&[0xff; 64]),
        Err(KeysError::InvalidSecretKey)
    ));
    // A pjs secret is scalar × 8: its 3 low bits are always zero.
    let mut pjs = [0u8; 64];
    pjs[0] = 1;
    assert!(matches!(
        Keypair::from_sr25519_pjs_secret(&pjs),
        Err(KeysError::InvalidSecretKey)
    ));
    // … and scalar × 8 / 8 must still be below the group order.
    assert!(matches!(
        Keypair::from_sr25519_pjs_secret(&[0xf8; 64]),
        Err(KeysError::InvalidSecretKey)
    ));
}

#[test]
fn ss58_errors() {
    assert!(matches!(
        ss58::decode(""),
        Err(KeysError::InvalidSs58Length(0))
    ));
    assert!(matches!(
        ss58::decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKut0Y"),
        Err(KeysError::InvalidBase58)
    ));
    assert!(matches!(
        ss58::decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutIY"),
        Err(KeysError::InvalidBase58)
    ));
    assert!(matches!(
        ss58::decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQ "),
        Err(KeysError::InvalidBase58)
    ));
    assert!(matches!(
        ss58::decode("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ"),
        Err(KeysError::InvalidSs58Checksum)
    ));
    assert!(matches!(
        // A dropped character shifts the whole base58 number: 34 bytes starting 0xbd, not a prefix byte.
        ss58::decode(&ALICE[..ALICE.len() - 1]),
        Err(KeysError::InvalidSs58Prefix)
    ));
    assert!(matches!(
        ss58::decode(&format!("{ALICE}1")),
        Err(KeysError::InvalidSs58Checksum | KeysError::InvalidSs58Length(_))
    ));
    let key = [7u8; 32];
    // Hand-built payloads: first byte ≥ 128, non-canonical 2-byte prefix, reserved prefixes, wrong lengths.
    let raw = |prefix: &[u8], body_len: usize| {
        let mut data = prefix.to_vec();
        data.extend(std::iter::repeat_n(7u8, body_len));
        data.extend_from_slice(&ss58_checksum(&data));
        bs58::encode(data).into_string()
    };
    assert!(matches!(
        ss58::decode(&raw(&[0x80], 32)),
        Err(KeysError::InvalidSs58Prefix)
    ));
    assert!(matches!(
        ss58::decode(&raw(&[0xff], 32)),
        Err(KeysError::InvalidSs58Prefix)
    ));
    assert!(
        matches!(
            ss58::decode(&raw(&[0x40, 0x00], 32)),
            Err(KeysError::InvalidSs58Prefix)
        ),
        "prefix 0 in 2-byte form"
    );
    assert!(
        matches!(
            ss58::decode(&raw(&[42], 8)),
            Err(KeysError::InvalidSs58Length(11))
        ),
        "an account index"
    );
    assert!(
        matches!(
            ss58::decode(&raw(&[42], 33)),
            Err(KeysError::InvalidSs58Length(36))
        ),
        "an ECDSA key"
    );
    assert!(matches!(
        ss58::decode(&raw(&[0x4b], 0)),
        Err(KeysError::InvalidSs58Length(3))
    ));
    assert!(matches!(
        ss58::decode(&ss58::encode(&key, 46)),
        Err(KeysError::ReservedSs58Prefix(46))
    ));
    assert!(matches!(
        ss58::decode(&ss58::encode(&key, 47)),
        Err(KeysError::ReservedSs58Prefix(47))
    ));
    assert!(matches!(
        ss58::try_encode(&key, 16384),
        Err(KeysError::InvalidSs58Prefix)
    ));
    assert!(matches!(
        ss58::try_encode(&key, u16::MAX),
        Err(KeysError::InvalidSs58Prefix)
    ));
    assert!(matches!(
        ss58::try_encode(&key, 46),
        Err(KeysError::ReservedSs58Prefix(46))
    ));
    assert!(matches!(
        Ss58Address::new(PublicKey(key), 47),
        Err(KeysError::ReservedSs58Prefix(47))
    ));
    assert!(matches!(
        "not an address".parse::<Ss58Address>(),
        Err(KeysError::InvalidBase58)
    ));
    assert!(matches!(
        ss58::decode_bytes(b"5Grw\xff"),
        Err(KeysError::NotUtf8)
    ));
    // sp-core compatible masking in the infallible encoder.
    assert_eq!(ss58::encode(&key, 16384 + 42), ss58::encode(&key, 42));
}

/// blake2b-512("SS58PRE" ‖ data)[..2], computed independently of the crate (via the `blake2` crate).
fn ss58_checksum(data: &[u8]) -> [u8; 2] {
    use blake2::Digest;
    let h = blake2::Blake2b512::new()
        .chain_update(b"SS58PRE")
        .chain_update(data)
        .finalize();
    [h[0], h[1]]
}

#[test]
fn debug_never_shows_secrets() {
    let kp = Keypair::from_phrase(DEV, None, CryptoType::Sr25519).unwrap();
    let secret_hex = hex::encode(&*kp.secret_bytes());
    let pjs_hex = hex::encode(kp.pjs_secret().as_slice());
    let seed_hex = hex::encode(kp.mini_secret().unwrap());
    for shown in [format!("{kp:?}"), format!("{kp:#?}")] {
        for secret in [
            &secret_hex[..],
            &pjs_hex[..],
            &seed_hex[..],
            &secret_hex[..16],
            &seed_hex[..16],
            "bottom",
            "walk",
        ] {
            assert!(!shown.contains(secret), "{shown} contains {secret}");
        }
        assert!(
            shown.contains("Sr25519") && shown.contains("46ebddef"),
            "{shown}"
        );
    }
    let ed = Keypair::from_phrase(DEV, None, CryptoType::Ed25519).unwrap();
    let ed_seed = hex::encode(&*ed.secret_bytes());
    assert!(!format!("{ed:?}").contains(&ed_seed[..16]));
    let m = Mnemonic::parse(DEV).unwrap();
    assert!(!format!("{m:?}").contains("bottom"));
    let uri = SecretUri::parse(&format!("{DEV}//Alice///hunter2")).unwrap();
    let shown = format!("{uri:?}");
    for secret in ["bottom", "Alice", "hunter2"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    // Error messages carry no secret either.
    let err = Keypair::from_uri(&DEV.replace("walk", "walq"), CryptoType::Sr25519).unwrap_err();
    assert!(
        !err.to_string().contains("walq") && !err.to_string().contains("bottom"),
        "{err}"
    );
}

#[test]
fn sign_verify_round_trips_and_tampering() {
    use taolight_core::keys::{Signature, verify, verify_wrapped_or_raw, wrap_bytes};
    for crypto in [CryptoType::Sr25519, CryptoType::Ed25519] {
        let kp = Keypair::from_uri("//Alice//sig", crypto).unwrap();
        let other = Keypair::from_uri("//Bob", crypto).unwrap();
        for msg in [&b""[..], b"x", &[0xffu8; 1000][..]] {
            let sig = kp.sign(msg);
            assert!(verify(crypto, &kp.public(), msg, &sig));
            assert!(kp.verify(msg, &sig));
            assert!(!verify(crypto, &other.public(), msg, &sig));
            let mut longer = msg.to_vec();
            longer.push(0);
            assert!(!verify(crypto, &kp.public(), &longer, &sig));
            for i in [0, 31, 32, 63] {
                let mut bad = sig;
                bad.0[i] ^= 0x01;
                assert!(
                    !verify(crypto, &kp.public(), msg, &bad),
                    "{crypto:?} byte {i}"
                );
            }
            // Signing the wrapped form (polkadot.js signRaw) is accepted by the tolerant verifier only.
            let wrapped_sig = kp.sign(&wrap_bytes(msg));
            assert!(!verify(crypto, &kp.public(), msg, &wrapped_sig));
            assert!(verify_wrapped_or_raw(
                crypto,
                &kp.public(),
                msg,
                &wrapped_sig
            ));
            assert!(verify_wrapped_or_raw(crypto, &kp.public(), msg, &sig));
            // Given the wrapped message, a signature over the raw content is accepted too (pjs rule).
            assert!(verify_wrapped_or_raw(
                crypto,
                &kp.public(),
                &wrap_bytes(msg),
                &sig
            ));
            assert!(!verify_wrapped_or_raw(
                crypto,
                &other.public(),
                msg,
                &wrapped_sig
            ));
            assert!(!verify_wrapped_or_raw(
                crypto,
                &kp.public(),
                &longer,
                &wrapped_sig
            ));
        }
        // Cross-curve: an sr25519 signature is not an ed25519 one.
        let sig = kp.sign(b"m");
        let wrong = match crypto {
            CryptoType::Sr25519 => CryptoType::Ed25519,
            CryptoType::Ed25519 => CryptoType::Sr25519,
        };
        assert!(!verify(wrong, &kp.public(), b"m", &sig));
        assert!(!verify(crypto, &kp.public(), b"m", &Signature([0; 64])));
    }
    // sr25519 is randomised, ed25519 deterministic.
    let sr = dev::alice();
    assert_ne!(sr.sign(b"m"), sr.sign(b"m"));
    let ed = dev::DevAccount::Alice.keypair(CryptoType::Ed25519);
    assert_eq!(ed.sign(b"m"), ed.sign(b"m"));
}

#[test]
fn soft_derivation_public_key_is_deterministic_and_secret_valid() {
    // sp-core randomises the nonce of a soft-derived secret; the key itself must not change.
    let a = Keypair::from_uri("//Alice/soft/0", CryptoType::Sr25519).unwrap();
    let b = Keypair::from_uri("//Alice/soft/0", CryptoType::Sr25519).unwrap();
    assert_eq!(a.public(), b.public());
    assert_eq!(
        a.secret_bytes()[..32],
        b.secret_bytes()[..32],
        "same scalar"
    );
    // The exported secret reloads to the same account in both formats.
    assert_eq!(
        Keypair::from_sr25519_secret(&a.secret_bytes())
            .unwrap()
            .public(),
        a.public()
    );
    assert_eq!(
        Keypair::from_sr25519_pjs_secret(&*a.pjs_secret())
            .unwrap()
            .public(),
        a.public()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ss58_round_trip(key in any::<[u8; 32]>(), prefix in 0u16..=16383) {
        prop_assume!(prefix != 46 && prefix != 47);
        let address = ss58::try_encode(&key, prefix).unwrap();
        prop_assert_eq!(ss58::decode(&address).unwrap(), (prefix, key));
        let parsed: Ss58Address = address.parse().unwrap();
        prop_assert_eq!(parsed.to_string(), address);
    }

    #[test]
    fn ss58_single_character_changes_are_rejected(key in any::<[u8; 32]>(), prefix in 0u16..=16383, pos in any::<prop::sample::Index>(), c in prop::sample::select(b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".to_vec())) {
        prop_assume!(prefix != 46 && prefix != 47);
        let address = ss58::encode(&key, prefix);
        let mut bytes = address.clone().into_bytes();
        let i = pos.index(bytes.len());
        prop_assume!(bytes[i] != c);
        bytes[i] = c;
        let changed = String::from_utf8(bytes).unwrap();
        // A changed character either breaks the checksum/length/prefix or (2^-16) collides; it never
        // decodes back to the same key under the same prefix.
        prop_assert_ne!(ss58::decode(&changed).ok(), Some((prefix, key)));
    }

    #[test]
    fn ss58_decode_never_panics(s in ".{0,80}") {
        let _ = ss58::decode(&s);
    }

    #[test]
    fn ss58_decode_base58_strings_never_panics(s in "[1-9A-HJ-NP-Za-km-z]{0,60}") {
        if let Ok((prefix, key)) = ss58::decode(&s) {
            // Decoding is injective: the canonical re-encoding is the input.
            prop_assert_eq!(ss58::encode(&key, prefix), s);
        }
    }

    #[test]
    fn suri_parser_never_panics(s in "[/a-z0-9 x]{0,40}") {
        let _ = SecretUri::parse(&s);
    }

    #[test]
    fn mnemonic_entropy_round_trip(entropy in prop::collection::vec(any::<u8>(), 16..=32)) {
        match Mnemonic::from_entropy(&entropy) {
            Ok(m) => {
                let parsed = Mnemonic::parse(m.phrase()).unwrap();
                prop_assert_eq!(parsed.entropy(), &entropy[..]);
            }
            Err(e) => prop_assert!(entropy.len() % 4 != 0 && e == KeysError::InvalidEntropyLength(entropy.len())),
        }
    }
}

// Each case runs PBKDF2 twice (one key per curve), so fewer cases than the cheap properties above.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn suri_paths_on_dev_phrase_never_panic(path in "(/{1,3}[A-Za-z0-9]{0,6}){0,4}") {
        let uri = format!("{DEV}{path}");
        for crypto in [CryptoType::Sr25519, CryptoType::Ed25519] {
            match Keypair::from_uri(&uri, crypto) {
                Ok(kp) => prop_assert!(kp.verify(b"m", &kp.sign(b"m"))),
                Err(e) => {
                    let expected = matches!(e, KeysError::EmptyJunction { .. } | KeysError::SoftDerivationNotSupported);
                    prop_assert!(expected, "unexpected error {:?}", e);
                }
            }
        }
    }
}
