//! Multi-part driver operations: the state a driver keeps for one hash, MAC,
//! cipher or AEAD operation, and [`Running`], which holds it for the core.
//!
//! A driver's `*_setup` entry point returns one of the operation objects
//! below; the core keeps it in the operation's state (`api::driver::ops`) and
//! calls its steps, each under the driver policy of [`Registered::call`] (the
//! driver lock of a non-thread-safe driver, the "inside a driver" mark).
//!
//! The rules the core keeps for every driver operation:
//! * Never two calls at once on one operation: the step runs while the
//!   caller holds the operation's busy flag (`api::operation::Ops::borrow`),
//!   and for a keyed operation also the mutex of its [`KeyBound`] value.
//! * `abort` is called exactly once per successful setup, when the operation
//!   ends for any reason: after `finish`/`verify` (whatever they returned),
//!   after a step that failed, on `psa_*_abort`, when the key is destroyed
//!   (the destroyer waits for a step in progress, then aborts), and on
//!   `mbedtls_psa_crypto_free`. A driver must therefore accept `abort` after
//!   `finish`.
//!
//! [`KeyBound`]: crate::api::operation::KeyBound
use super::Registered;
use crate::types::*;

/// A driver's multi-part hash operation.
pub trait HashOp: Send {
    /// `psa_hash_update`.
    fn update(&mut self, input: &[u8]) -> Result<()>;
    /// `psa_hash_finish`: writes the digest, returns its length.
    fn finish(&mut self, out: &mut [u8]) -> Result<usize>;
    /// `psa_hash_clone`: an independent copy of the operation.
    fn clone_op(&self) -> Result<Box<dyn HashOp>>;
    /// Ends the operation and wipes its state.
    fn abort(&mut self);
}

/// A driver's multi-part MAC operation (sign or verify, fixed at setup).
pub trait MacOp: Send {
    /// `psa_mac_update`.
    fn update(&mut self, input: &[u8]) -> Result<()>;
    /// `psa_mac_sign_finish`: writes the MAC, returns its length.
    fn sign_finish(&mut self, out: &mut [u8]) -> Result<usize>;
    /// `psa_mac_verify_finish`: `InvalidSignature` when `mac` does not match.
    fn verify_finish(&mut self, mac: &[u8]) -> Result<()>;
    /// Ends the operation and wipes its state.
    fn abort(&mut self);
}

/// A driver's multi-part cipher operation (the core generates IVs).
pub trait CipherOp: Send {
    /// `psa_cipher_set_iv` (also after the core's `psa_cipher_generate_iv`).
    fn set_iv(&mut self, iv: &[u8]) -> Result<()>;
    /// `psa_cipher_update`: returns the output length.
    fn update(&mut self, input: &[u8], out: &mut [u8]) -> Result<usize>;
    /// `psa_cipher_finish`: returns the output length.
    fn finish(&mut self, out: &mut [u8]) -> Result<usize>;
    /// Ends the operation and wipes its state.
    fn abort(&mut self);
}

/// A driver's multi-part AEAD operation (the core generates nonces and keeps
/// the order of the steps and the declared lengths).
pub trait AeadOp: Send {
    /// `psa_aead_set_nonce`.
    fn set_nonce(&mut self, nonce: &[u8]) -> Result<()>;
    /// `psa_aead_set_lengths`.
    fn set_lengths(&mut self, ad_length: usize, plaintext_length: usize) -> Result<()>;
    /// `psa_aead_update_ad`.
    fn update_ad(&mut self, input: &[u8]) -> Result<()>;
    /// `psa_aead_update`: returns the output length.
    fn update(&mut self, input: &[u8], out: &mut [u8]) -> Result<usize>;
    /// `psa_aead_finish`: returns the lengths of the last ciphertext and of the tag.
    fn finish(&mut self, out: &mut [u8], tag: &mut [u8]) -> Result<(usize, usize)>;
    /// `psa_aead_verify`: returns the length of the last plaintext;
    /// `InvalidSignature` on a wrong tag.
    fn verify(&mut self, out: &mut [u8], tag: &[u8]) -> Result<usize>;
    /// Ends the operation and wipes its state.
    fn abort(&mut self);
}

/// The `abort` of each operation trait, for [`Running`]'s drop.
pub trait Abort {
    /// Calls the operation's `abort`.
    fn abort_op(&mut self);
}

impl Abort for dyn HashOp {
    fn abort_op(&mut self) {
        self.abort()
    }
}
impl Abort for dyn MacOp {
    fn abort_op(&mut self) {
        self.abort()
    }
}
impl Abort for dyn CipherOp {
    fn abort_op(&mut self) {
        self.abort()
    }
}
impl Abort for dyn AeadOp {
    fn abort_op(&mut self) {
        self.abort()
    }
}

/// A driver operation in progress, with the driver that runs it. Dropping it
/// calls the operation's `abort` (under the driver policy), so every way an
/// operation can end — finish, a failed step, `psa_*_abort`, destroy of its
/// key, library free — aborts it exactly once.
pub struct Running<T: ?Sized + Abort> {
    driver: &'static Registered,
    op: Box<T>,
}

impl<T: ?Sized + Abort> Running<T> {
    /// Wraps the operation `op` that `driver`'s setup returned.
    pub fn new(driver: &'static Registered, op: Box<T>) -> Self {
        Running { driver, op }
    }

    /// Runs one step of the operation under the driver policy.
    pub fn step<R>(&mut self, f: impl FnOnce(&mut T) -> Result<R>) -> Result<R> {
        let op = &mut self.op;
        self.driver.call(|_| f(op))
    }

    /// The driver running the operation.
    pub fn driver(&self) -> &'static Registered {
        self.driver
    }

    /// The operation, for a step that needs no driver call (none mutates).
    pub fn op(&self) -> &T {
        &self.op
    }
}

impl<T: ?Sized + Abort> Drop for Running<T> {
    fn drop(&mut self) {
        let op = &mut self.op;
        let _ = self.driver.call(|_| {
            op.abort_op();
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::sync::atomic::{AtomicUsize, Ordering};

    static ABORTS: AtomicUsize = AtomicUsize::new(0);

    /// This thread's inside-a-driver mark. `driver::inside()` answers false
    /// without a registry (one load on the no-driver fast path), and this
    /// test runs a driver that was never registered.
    fn inside_mark() -> bool {
        crate::driver::INSIDE.with(|c| c.get() != 0)
    }

    struct Counting(Vec<u8>);

    impl HashOp for Counting {
        fn update(&mut self, input: &[u8]) -> Result<()> {
            assert!(inside_mark(), "a step runs inside the driver");
            self.0.extend_from_slice(input);
            Ok(())
        }
        fn finish(&mut self, out: &mut [u8]) -> Result<usize> {
            out[..self.0.len()].copy_from_slice(&self.0);
            Ok(self.0.len())
        }
        fn clone_op(&self) -> Result<Box<dyn HashOp>> {
            Ok(Box::new(Counting(self.0.clone())))
        }
        fn abort(&mut self) {
            assert!(inside_mark(), "abort runs inside the driver");
            ABORTS.fetch_add(1, Ordering::SeqCst);
        }
    }

    struct Nothing;
    impl crate::driver::Driver for Nothing {}

    /// Steps run under the driver policy (counted, marked inside); dropping
    /// the operation aborts it exactly once, also for a clone.
    #[test]
    fn running_aborts_once_on_drop() {
        let mut r = Registered::new("t".into(), None, false, Box::new(Nothing));
        r.mark = 1; // as `activate` numbers the drivers
        let reg: &'static Registered = Box::leak(Box::new(r));
        let before = ABORTS.load(Ordering::SeqCst);
        let mut run: Running<dyn HashOp> = Running::new(reg, Box::new(Counting(Vec::new())));
        run.step(|op| op.update(b"ab")).unwrap();
        let copy = run.step(|op| op.clone_op()).unwrap();
        let mut copy: Running<dyn HashOp> = Running::new(run.driver(), copy);
        let mut out = [0u8; 4];
        assert_eq!(copy.step(|op| op.finish(&mut out)).unwrap(), 2);
        assert_eq!(&out[..2], b"ab");
        assert!(!crate::driver::inside());
        drop(copy);
        assert_eq!(ABORTS.load(Ordering::SeqCst), before + 1);
        drop(run);
        assert_eq!(ABORTS.load(Ordering::SeqCst), before + 2);
        assert_eq!(reg.stats().calls, 5);
        assert_eq!(reg.stats().max_concurrent, 1);
    }
}
