//! Tests of the WPA3-SAE engine: IEEE 802.11-2020 Annex J.10 known answers
//! (tests/vectors/sae_ieee80211.txt), the independent Python model's vectors
//! for groups 19-21 (tests/vectors/sae_crosscheck.txt, written by
//! gen_sae_crosscheck.py), round trips and every rejection of a peer's input.
use super::*;
use elliptic_curve::Curve as _;
use super::super::sae_ffc::Modp;

const J10: &str = include_str!("../../../tests/vectors/sae_ieee80211.txt");
const CROSS: &str = include_str!("../../../tests/vectors/sae_crosscheck.txt");

fn hex(s: &str) -> Vec<u8> {
    if s == "-" {
        return Vec::new();
    }
    crate::testutil::hex(s)
}

fn j10(name: &str) -> Vec<u8> {
    let line = J10.lines().find(|l| l.split_whitespace().next() == Some(name)).unwrap_or_else(|| panic!("{name}"));
    hex(line.split_whitespace().nth(1).unwrap())
}

#[test]
fn curve_constants_match_the_crates() {
    assert_eq!(Curve::P256.order(), p256::NistP256::ORDER.to_be_bytes().as_ref().to_vec());
    assert_eq!(Curve::P384.order(), p384::NistP384::ORDER.to_be_bytes().as_ref().to_vec());
    let o521 = p521::NistP521::ORDER.to_be_bytes();
    let o521 = o521.as_ref();
    assert_eq!(Curve::P521.order(), o521[o521.len() - 66..].to_vec());
    // p reduces to 0 (so maps like 0) and p - 1 does not.
    for c in [Curve::P256, Curve::P384, Curve::P521] {
        let p = c.prime();
        assert_eq!(p.len(), c.len());
        assert_eq!(reduce(&p, &wide(&p), c.len()).as_slice(), vec![0u8; c.len()].as_slice());
        let mut pm1 = p.clone();
        *pm1.last_mut().unwrap() -= 1;
        assert_eq!(reduce(&pm1, &wide(&p), c.len()).as_slice(), pm1.as_slice());
    }
}

#[test]
fn hash_to_element_matches_annex_j10() {
    let pt = derive_pt(Curve::P256, &j10("h2e.ssid"), &j10("h2e.password"), &j10("h2e.identifier")).unwrap();
    assert_eq!(pt.as_slice(), j10("h2e.pt").as_slice());
    let (m1, m2) = (j10("h2e.mac1"), j10("h2e.mac2"));
    let a = Sae::new(Curve::P256, &pt, &m1, &m2, false).unwrap();
    assert_eq!(a.pwe(), j10("h2e.pwe").as_slice());
    // The MACs are sorted: the peer computes the same element.
    let b = Sae::new(Curve::P256, &pt, &m2, &m1, false).unwrap();
    assert_eq!(b.pwe(), j10("h2e.pwe").as_slice());
    // The intermediate HKDF output of the standard.
    let seed = Stream::hkdf_extract_prk(PSA_ALG_SHA_256, &j10("h2e.ssid"), b"mekmitasdigoatpsk4internet").unwrap();
    assert_eq!(seed.as_slice(), j10("h2e.pwd_seed").as_slice());
    // Without the identifier the token differs.
    let other = derive_pt(Curve::P256, &j10("h2e.ssid"), &j10("h2e.password"), b"").unwrap();
    assert_ne!(other, pt);
}

/// PWE = −(mask⁻¹ · COMMIT-ELEMENT) of the standard's local commit.
fn j10_pwe() -> Bytes {
    let mask = p256::Scalar::from_repr(p256::FieldBytes::try_from(&j10("cc.mask")[..]).unwrap()).unwrap();
    let lc = j10("cc.local_commit");
    let e: p256::AffinePoint = point(Curve::P256, &lc[32..]).unwrap();
    let pwe = -(p256::ProjectivePoint::from(e) * mask.invert().unwrap());
    encode(Curve::P256, false, &pwe.to_affine()).unwrap()
}

#[test]
fn commit_and_confirm_match_annex_j10() {
    let mut a = Sae::from_pwe(Curve::P256, j10_pwe(), false);
    assert!(a.commit_with(Zeroizing::new(j10("cc.rand")), &j10("cc.mask")).unwrap());
    let own = a.finish_commit().unwrap();
    assert_eq!(own, j10("cc.local_commit"));
    a.peer_commit(&j10("cc.peer_commit")).unwrap();
    assert_eq!(a.kck().unwrap().as_slice(), j10("cc.kck").as_slice());
    assert_eq!(a.pmkid().unwrap().as_slice(), j10("cc.pmkid").as_slice());
    assert_eq!(a.pmk(true), Err(Error::BadState), "PMK before the peer's confirm");
    a.set_send_confirm(1);
    assert_eq!(a.confirm().unwrap(), j10("cc.local_confirm"));
    let mut bad = j10("cc.peer_confirm");
    bad[10] ^= 1;
    let mut a2 = Sae::from_pwe(Curve::P256, j10_pwe(), false);
    assert!(a2.commit_with(Zeroizing::new(j10("cc.rand")), &j10("cc.mask")).unwrap());
    a2.peer_commit(&j10("cc.peer_commit")).unwrap();
    assert_eq!(a2.peer_confirm(&bad), Err(Error::InvalidSignature));
    // A different counter changes the confirm.
    let mut bad = j10("cc.peer_confirm");
    bad[0] = 2;
    assert_eq!(a2.peer_confirm(&bad), Err(Error::InvalidSignature));
    assert_eq!(a2.peer_confirm(&bad[..33]), Err(Error::InvalidArgument));
    a.peer_confirm(&j10("cc.peer_confirm")).unwrap();
    assert_eq!(a.peer_confirm(&j10("cc.peer_confirm")), Err(Error::BadState));
    assert_eq!(a.pmk(true).unwrap().as_slice(), j10("cc.pmk").as_slice());
}

fn curve_of(name: &str) -> Curve {
    match name {
        "P256" => Curve::P256,
        "P384" => Curve::P384,
        "P521" => Curve::P521,
        _ => panic!("{name}"),
    }
}

#[test]
fn matches_the_independent_python_model() {
    let mut blocks = 0;
    let mut exchanges = 0;
    let mut lines = CROSS.lines().filter(|l| !l.starts_with('#'));
    let mut field = |want: &str| -> String {
        let l = lines.next().expect("line");
        let mut it = l.split_whitespace();
        assert_eq!(it.next(), Some(want), "{l}");
        it.next().unwrap_or("").to_string()
    };
    loop {
        let c = field("curve");
        let curve = curve_of(&c);
        let (ssid, pw, id) = (hex(&field("ssid")), hex(&field("password")), hex(&field("identifier")));
        let pt = derive_pt(curve, &ssid, &pw, &id).unwrap();
        assert_eq!(pt.as_slice(), hex(&field("pt")).as_slice(), "{c} PT");
        let (m1, m2) = (hex(&field("mac1")), hex(&field("mac2")));
        let pwe = hex(&field("pwe"));
        for variant in ["fixed", "gdh"] {
            assert_eq!(field("variant"), variant);
            let gdh = variant == "gdh";
            let mut a = Sae::new(curve, &pt, &m1, &m2, gdh).unwrap();
            let mut b = Sae::new(curve, &pt, &m2, &m1, gdh).unwrap();
            assert_eq!(a.pwe(), pwe.as_slice(), "{c} PWE");
            let (ra, ma, rb, mb) = (hex(&field("rand_a")), hex(&field("mask_a")), hex(&field("rand_b")), hex(&field("mask_b")));
            let salt = hex(&field("salt"));
            assert!(a.commit_with(Zeroizing::new(ra), &ma).unwrap());
            assert!(b.commit_with(Zeroizing::new(rb), &mb).unwrap());
            let (ca, cb) = (a.finish_commit().unwrap(), b.finish_commit().unwrap());
            assert_eq!(ca, hex(&field("commit_a")), "{c} {variant} commit A");
            assert_eq!(cb, hex(&field("commit_b")), "{c} {variant} commit B");
            if !salt.is_empty() {
                a.set_salt(&salt).unwrap();
                b.set_salt(&salt).unwrap();
            }
            a.peer_commit(&cb).unwrap();
            b.peer_commit(&ca).unwrap();
            assert_eq!(a.kck().unwrap().as_slice(), hex(&field("kck")).as_slice(), "{c} {variant} KCK");
            let pmk = hex(&field("pmk"));
            assert_eq!(a.pmkid().unwrap().as_slice(), hex(&field("pmkid")).as_slice());
            a.set_send_confirm(1);
            b.set_send_confirm(2);
            assert_eq!(a.confirm().unwrap(), hex(&field("confirm_a")), "{c} {variant} confirm A");
            assert_eq!(b.confirm().unwrap(), hex(&field("confirm_b")), "{c} {variant} confirm B");
            let (fa, fb) = (a.confirm().unwrap(), b.confirm().unwrap());
            a.peer_confirm(&fb).unwrap();
            b.peer_confirm(&fa).unwrap();
            assert_eq!(a.pmk(true).unwrap().as_slice(), pmk.as_slice());
            assert_eq!(b.pmk(true).unwrap().as_slice(), pmk.as_slice());
            exchanges += 1;
        }
        assert_eq!(field("end"), "");
        blocks += 1;
        if blocks == 5 {
            break;
        }
    }
    assert_eq!((blocks, exchanges), (5, 10));
}

#[test]
fn random_round_trips_on_every_curve() {
    for curve in [Curve::P256, Curve::P384, Curve::P521] {
        for gdh in [false, true] {
            let pt = derive_pt(curve, b"ssid", b"password", b"").unwrap();
            let (m1, m2) = ([2u8, 0, 0, 0, 0, 1], [2u8, 0, 0, 0, 0, 2]);
            let mut a = Sae::new(curve, &pt, &m1, &m2, gdh).unwrap();
            let mut b = Sae::new(curve, &pt, &m2, &m1, gdh).unwrap();
            // Order does not matter: B takes A's commit before making its own.
            let ca = a.commit().unwrap();
            b.peer_commit(&ca).unwrap();
            let cb = b.commit().unwrap();
            a.peer_commit(&cb).unwrap();
            assert_eq!(ca.len(), 3 * curve.len());
            let (fa, fb) = (a.confirm().unwrap(), b.confirm().unwrap());
            let hl = if gdh { psa_hash_length(curve.hash()) } else { 32 };
            assert_eq!(fa.len(), 2 + hl);
            b.peer_confirm(&fa).unwrap();
            a.peer_confirm(&fb).unwrap();
            assert_eq!(a.pmk(true).unwrap(), b.pmk(true).unwrap());
            assert_eq!(a.pmk(true).unwrap().len(), hl);
            assert_eq!(a.pmkid().unwrap(), b.pmkid().unwrap());
            // Another password: the confirms fail.
            let pt2 = derive_pt(curve, b"ssid", b"passw0rd", b"").unwrap();
            let mut c = Sae::new(curve, &pt2, &m2, &m1, gdh).unwrap();
            let mut d = Sae::new(curve, &pt, &m1, &m2, gdh).unwrap();
            let (cc, cd) = (c.commit().unwrap(), d.commit().unwrap());
            c.peer_commit(&cd).unwrap();
            d.peer_commit(&cc).unwrap();
            assert_eq!(d.peer_confirm(&c.confirm().unwrap()), Err(Error::InvalidSignature));
        }
    }
}

#[test]
fn peer_commits_are_checked() {
    let curve = Curve::P256;
    let pt = derive_pt(curve, b"s", b"p", b"").unwrap();
    let fresh = || Sae::new(curve, &pt, &[1u8; 6], &[2u8; 6], false).unwrap();
    let mut a = fresh();
    let own = a.commit().unwrap();
    assert_eq!(a.commit(), Err(Error::BadState));
    let mut b = fresh();
    let good = b.commit().unwrap();
    let with_scalar = |s: &[u8]| [s, &good[32..]].concat();
    let order = curve.order();
    let mut one = vec![0u8; 32];
    one[31] = 1;
    for bad in [
        with_scalar(&[0u8; 32]),
        with_scalar(&one),
        with_scalar(&order),
        with_scalar(&[0xffu8; 32]),
        [&good[..32], &[0u8; 64][..]].concat(),
        [&good[..64], &good[32..64]].concat(),
        good[..95].to_vec(),
        [&good[..], &[0u8][..]].concat(),
        own.clone(),
    ] {
        let mut a = fresh();
        a.commit().unwrap();
        let mut a = if bad == own { a_with(&mut a, &own) } else { a };
        assert_eq!(a.peer_commit(&bad), Err(Error::InvalidArgument), "{}", bad.len());
    }
    // Keys, confirm and PMKID need both commits.
    let mut c = fresh();
    assert_eq!(c.pmkid(), Err(Error::BadState));
    assert_eq!(c.confirm(), Err(Error::BadState));
    c.commit().unwrap();
    assert_eq!(c.pmk(false), Err(Error::BadState));
    c.peer_commit(&good).unwrap();
    assert_eq!(c.peer_commit(&good), Err(Error::BadState));
    assert!(c.pmk(false).is_ok());
    assert_eq!(c.set_salt(b"\x13\x00"), Err(Error::BadState), "salt after the keys");
    // The peer's element invalid on a bigger curve: from P-256 data.
    assert_eq!(check_element(Curve::P384, &good[32..]), Err(Error::InvalidArgument));
    assert_eq!(check_element(curve, &good[32..]), Ok(()));
}

/// A side whose own commit is `own` (for the reflection check).
fn a_with(a: &mut Sae, own: &[u8]) -> Sae {
    let mut s = Sae::from_pwe(a.group, a.pwe.clone(), false);
    s.own = Some((own[..32].to_vec(), own[32..].to_vec()));
    s.rand = Some(Zeroizing::new(vec![1u8; 32]));
    s
}

#[test]
fn kdf_hash_length_counts_in_little_endian() {
    // Two blocks, the second with counter 2; L = 512 bits.
    let out = kdf_hash_length(PSA_ALG_SHA_256, b"key", b"label", b"ctx", 40).unwrap();
    let mac = hmac_key(PSA_ALG_SHA_256, b"key").unwrap();
    let b1 = mac.mac(&[&[1, 0], b"label", b"ctx", &[0x40, 0x01]]);
    let b2 = mac.mac(&[&[2, 0], b"label", b"ctx", &[0x40, 0x01]]);
    assert_eq!(&out[..32], &b1[..]);
    assert_eq!(&out[32..], &b2[..8]);
}

const HOSTAP: &str = include_str!("../../../tests/vectors/sae_hostap.txt");

fn hostap(name: &str) -> Vec<u8> {
    let line = HOSTAP.lines().find(|l| l.split_whitespace().next() == Some(name)).unwrap_or_else(|| panic!("{name}"));
    hex(line.split_whitespace().nth(1).unwrap())
}

#[test]
fn modp_hash_to_element_matches_hostap_group_15() {
    let g = Modp::G3072;
    let pt = g.derive_pt(&hostap("h2e15.ssid"), &hostap("h2e15.password"), &hostap("h2e15.identifier")).unwrap();
    assert_eq!(pt.len(), 384);
    g.check_element(&pt).unwrap();
    let a = Sae::new(g, &pt, &hostap("h2e15.mac1"), &hostap("h2e15.mac2"), false).unwrap();
    assert_eq!(a.pwe(), hostap("h2e15.pwe").as_slice());
    let b = Sae::new(g, &pt, &hostap("h2e15.mac2"), &hostap("h2e15.mac1"), true).unwrap();
    assert_eq!(b.pwe(), hostap("h2e15.pwe").as_slice());
    assert_eq!(g.hash(), PSA_ALG_SHA_384);
    assert_eq!(Modp::G4096.hash(), PSA_ALG_SHA_512);
    assert_eq!(Modp::rfc3526(2048), Err(Error::NotSupported));
    assert_eq!(Modp::rfc3526(1024), Err(Error::InvalidArgument));
}

/// Both sides of an exchange in `g`, to the confirms; returns A's PMK.
fn ffc_round_trip(g: Modp, gdh: bool) -> Bytes {
    let pt = g.derive_pt(b"ssid", b"password", b"").unwrap();
    let (m1, m2) = ([2u8, 0, 0, 0, 0, 1], [2u8, 0, 0, 0, 0, 2]);
    let mut a = Sae::new(g, &pt, &m1, &m2, gdh).unwrap();
    let mut b = Sae::new(g, &pt, &m2, &m1, gdh).unwrap();
    let ca = a.commit().unwrap();
    let cb = b.commit().unwrap();
    assert_eq!(ca.len(), 2 * g.len());
    a.peer_commit(&cb).unwrap();
    b.peer_commit(&ca).unwrap();
    a.set_send_confirm(1);
    b.set_send_confirm(1);
    b.peer_confirm(&a.confirm().unwrap()).unwrap();
    a.peer_confirm(&b.confirm().unwrap()).unwrap();
    assert_eq!(a.pmkid().unwrap(), b.pmkid().unwrap());
    let pmk = a.pmk(true).unwrap();
    assert_eq!(pmk, b.pmk(true).unwrap());
    assert_eq!(pmk.len(), if gdh { psa_hash_length(g.hash()) } else { 32 });
    pmk
}

#[test]
fn modp_round_trips() {
    ffc_round_trip(Modp::G3072, false);
    ffc_round_trip(Modp::G3072, true);
}

#[test]
fn modp_peer_commits_are_checked() {
    let g = Modp::G3072;
    let n = g.len();
    let pt = g.derive_pt(b"s", b"p", b"").unwrap();
    let fresh = || Sae::new(g, &pt, &[1u8; 6], &[2u8; 6], false).unwrap();
    let mut other = fresh();
    let good = other.commit().unwrap();
    let (s, e) = good.split_at(n);
    let with = |s: &[u8], e: &[u8]| fresh().peer_commit(&[s, e].concat());
    with(s, e).unwrap();
    let mut small = vec![0u8; n];
    assert_eq!(with(&small, e), Err(Error::InvalidArgument), "scalar 0");
    small[n - 1] = 1;
    assert_eq!(with(&small, e), Err(Error::InvalidArgument), "scalar 1");
    let q = g.order();
    assert_eq!(with(&q, e), Err(Error::InvalidArgument), "scalar q");
    let p = g.params().m.p().to_vec();
    assert_eq!(with(s, &p), Err(Error::InvalidArgument), "element p");
    let mut pm1 = p.clone();
    pm1[n - 1] -= 1;
    assert_eq!(with(s, &pm1), Err(Error::InvalidArgument), "element p - 1");
    assert_eq!(with(s, &small), Err(Error::InvalidArgument), "element 1");
    // -e is a quadratic non-residue (p = 3 mod 4): not in the subgroup of order q.
    let neg = g.bytes(g.uint(&p).wrapping_sub(&g.uint(e)));
    assert_eq!(with(s, &neg), Err(Error::InvalidArgument), "element outside the subgroup");
    assert_eq!(g.check_element(&neg), Err(Error::InvalidArgument));
    assert_eq!(with(s, &e[1..]), Err(Error::InvalidArgument), "short element");
    // Our own commit reflected back.
    let mut me = fresh();
    let mine = me.commit().unwrap();
    assert_eq!(me.peer_commit(&mine), Err(Error::InvalidArgument), "reflection");
    // Import of a token: its group follows from the length.
    let t = psa_key_type_wpa3_sae_dh(PSA_DH_FAMILY_RFC3526);
    assert_eq!(import_pt(t, &pt), Ok(3072));
    assert_eq!(import_pt(t, &neg), Err(Error::InvalidArgument));
    assert_eq!(import_pt(t, &pt[..256]), Err(Error::NotSupported), "2048 bits: group 14");
    assert_eq!(import_pt(t, &pt[..200]), Err(Error::InvalidArgument));
    assert_eq!(import_pt(psa_key_type_wpa3_sae_dh(PSA_DH_FAMILY_RFC7919), &pt), Err(Error::NotSupported));
}

#[test]
fn modp_primes_are_rfc3526() {
    // p = 2^N - 2^(N-64) - 1 + 2^64 (floor(2^(N-130) pi) + offset): the top and bottom
    // 64 bits are ones, and q = (p - 1)/2 has the top bit one place lower.
    for g in [Modp::G3072, Modp::G4096, Modp::G6144, Modp::G8192] {
        let p = g.params().m.p();
        assert_eq!(p.len() * 8, g.bits());
        assert!(p[..8].iter().all(|&b| b == 0xff) && p[p.len() - 8..].iter().all(|&b| b == 0xff));
        let q = g.order();
        assert_eq!(q[0], 0x7f);
        assert_eq!(q[q.len() - 1], 0xff);
    }
}

#[test]
fn looping_matches_annex_j10() {
    // hostap's 802.11-2020 J.10 numbers: the PWE from the password, then the commit from
    // the given rand and mask, then the keys from the peer's commit.
    let pw = hostap("loop19.password");
    let mut a = Sae::from_password(Curve::P256, &pw, &hostap("loop19.mac1"), &hostap("loop19.mac2"), false).unwrap();
    assert!(a.commit_with(Zeroizing::new(hostap("loop19.rand")), &hostap("loop19.mask")).unwrap());
    assert_eq!(a.finish_commit().unwrap(), hostap("loop19.local_commit"));
    a.peer_commit(&hostap("loop19.peer_commit")).unwrap();
    assert_eq!(a.kck().unwrap().as_slice(), hostap("loop19.kck").as_slice());
    assert_eq!(a.pmk(false).unwrap().as_slice(), hostap("loop19.pmk").as_slice());
    assert_eq!(a.pmkid().unwrap().as_slice(), hostap("loop19.pmkid").as_slice());
    // The same MACs in the other order give the same element.
    let b = Sae::from_password(Curve::P256, &pw, &hostap("loop19.mac2"), &hostap("loop19.mac1"), false).unwrap();
    assert_eq!(b.pwe(), a.pwe());
}

#[test]
fn looping_round_trips_in_every_group() {
    let groups: [Group; 4] = [Curve::P256.into(), Curve::P384.into(), Curve::P521.into(), Modp::G3072.into()];
    for g in groups {
        let (m1, m2) = ([2u8, 0, 0, 0, 0, 1], [2u8, 0, 0, 0, 0, 2]);
        let mut a = Sae::from_password(g, b"password", &m1, &m2, true).unwrap();
        let mut b = Sae::from_password(g, b"password", &m2, &m1, true).unwrap();
        assert_eq!(a.pwe(), b.pwe());
        g.check_element(a.pwe()).unwrap();
        let ca = a.commit().unwrap();
        let cb = b.commit().unwrap();
        a.peer_commit(&cb).unwrap();
        b.peer_commit(&ca).unwrap();
        b.peer_confirm(&a.confirm().unwrap()).unwrap();
        a.peer_confirm(&b.confirm().unwrap()).unwrap();
        assert_eq!(a.pmk(true).unwrap(), b.pmk(true).unwrap());
        let c = Sae::from_password(g, b"passw0rd", &m1, &m2, true).unwrap();
        assert_ne!(c.pwe(), a.pwe(), "{g:?}");
    }
}

#[test]
fn kdf_hash_bits_takes_the_leading_bits() {
    let full = kdf_hash_length(PSA_ALG_SHA_256, b"k", b"l", b"c", 66).unwrap();
    let mut full_521 = kdf_output(PSA_ALG_SHA_256, b"k", b"l", b"c", 66, 521).unwrap();
    let short = kdf_hash_bits(PSA_ALG_SHA_256, b"k", b"l", b"c", 521).unwrap();
    assert_ne!(full, full_521, "L is part of the input");
    // Shifting back left by 7 bits restores the stream but its last 7 bits.
    let mut back = vec![0u8; 66];
    for i in 0..66 {
        back[i] = (short[i] << 7) | if i + 1 < 66 { short[i + 1] >> 1 } else { 0 };
    }
    full_521[65] &= 0x80;
    assert_eq!(back, full_521.to_vec());
    assert_eq!(short[0] >> 1, 0);
}

fn group_of(name: &str) -> Group {
    match name {
        "MODP3072" => Modp::G3072.into(),
        "MODP4096" => Modp::G4096.into(),
        "MODP6144" => Modp::G6144.into(),
        "MODP8192" => Modp::G8192.into(),
        other => curve_of(other).into(),
    }
}

/// The Python model's blocks for the MODP groups and the looping method:
/// hash-to-element in the four MODP groups, the looping method on every
/// curve and in every MODP group (two tests, so that they run in parallel).
#[test]
fn modp_hash_to_element_matches_the_independent_python_model() {
    assert_eq!(python_model_blocks("h2e"), (4, 0));
}

#[test]
fn looping_matches_the_independent_python_model() {
    assert_eq!(python_model_blocks("looping"), (7, 7));
}

/// Checks the model's blocks of `only` (a method): PT, PWE, both commits
/// from the model's rand and mask, KCK, PMK, PMKID and both confirms.
/// Returns (blocks checked, looping blocks among them).
fn python_model_blocks(only: &str) -> (usize, usize) {
    let mut lines = CROSS.lines().filter(|l| !l.starts_with('#')).skip_while(|l| !l.starts_with("group "));
    let mut field = |want: &str| -> Option<String> {
        let l = lines.next()?;
        let mut it = l.split_whitespace();
        let name = it.next();
        if want != "*" {
            assert_eq!(name, Some(want), "{l}");
        }
        Some(it.next().unwrap_or("").to_string())
    };
    let (mut blocks, mut looping) = (0, 0);
    while let Some(name) = field("group") {
        let g = group_of(&name);
        let method = field("method").unwrap();
        let (ssid, pw, id) = (hex(&field("ssid").unwrap()), hex(&field("password").unwrap()), hex(&field("identifier").unwrap()));
        let pt_want = hex(&field("pt").unwrap());
        let (m1, m2) = (hex(&field("mac1").unwrap()), hex(&field("mac2").unwrap()));
        let pwe = hex(&field("pwe").unwrap());
        if method != only {
            // Skip the block: two variants of 13 lines, then "end".
            for _ in 0..27 {
                field("*");
            }
            continue;
        }
        let pt = if method == "h2e" {
            let pt = g.derive_pt(&ssid, &pw, &id).unwrap();
            assert_eq!(pt.as_slice(), pt_want.as_slice(), "{name} PT");
            Some(pt)
        } else {
            looping += 1;
            None
        };
        for variant in ["fixed", "gdh"] {
            assert_eq!(field("variant").unwrap(), variant);
            let gdh = variant == "gdh";
            let side = |own: &[u8], peer: &[u8]| match &pt {
                Some(pt) => Sae::new(g, pt, own, peer, gdh).unwrap(),
                None => Sae::from_password(g, &pw, own, peer, gdh).unwrap(),
            };
            let (mut a, mut b) = (side(&m1, &m2), side(&m2, &m1));
            assert_eq!(a.pwe(), pwe.as_slice(), "{name} {method} PWE");
            let (ra, ma) = (hex(&field("rand_a").unwrap()), hex(&field("mask_a").unwrap()));
            let (rb, mb) = (hex(&field("rand_b").unwrap()), hex(&field("mask_b").unwrap()));
            let salt = hex(&field("salt").unwrap());
            assert!(a.commit_with(Zeroizing::new(ra), &ma).unwrap());
            assert!(b.commit_with(Zeroizing::new(rb), &mb).unwrap());
            let (ca, cb) = (a.finish_commit().unwrap(), b.finish_commit().unwrap());
            assert_eq!(ca, hex(&field("commit_a").unwrap()), "{name} {method} {variant} commit A");
            assert_eq!(cb, hex(&field("commit_b").unwrap()), "{name} {method} {variant} commit B");
            if !salt.is_empty() {
                a.set_salt(&salt).unwrap();
                b.set_salt(&salt).unwrap();
            }
            a.peer_commit(&cb).unwrap();
            b.peer_commit(&ca).unwrap();
            assert_eq!(a.kck().unwrap().as_slice(), hex(&field("kck").unwrap()).as_slice(), "{name} {variant} KCK");
            let pmk = hex(&field("pmk").unwrap());
            assert_eq!(a.pmkid().unwrap().as_slice(), hex(&field("pmkid").unwrap()).as_slice());
            a.set_send_confirm(1);
            b.set_send_confirm(2);
            let (fa, fb) = (a.confirm().unwrap(), b.confirm().unwrap());
            assert_eq!(fa, hex(&field("confirm_a").unwrap()), "{name} {variant} confirm A");
            assert_eq!(fb, hex(&field("confirm_b").unwrap()), "{name} {variant} confirm B");
            a.peer_confirm(&fb).unwrap();
            b.peer_confirm(&fa).unwrap();
            assert_eq!(a.pmk(true).unwrap().as_slice(), pmk.as_slice());
            assert_eq!(b.pmk(true).unwrap().as_slice(), pmk.as_slice());
        }
        assert_eq!(field("end").unwrap(), "");
        blocks += 1;
    }
    (blocks, looping)
}
