//! EC J-PAKE (RFC 8236) on P-256 with SHA-256 Schnorr proofs (RFC 8235), in
//! the form Thread and Mbed TLS use: each key share is followed by the proof's
//! commitment `V` and response `r`; round one sends two shares, round two one.
//!
//! The proof hash is SHA-256 over `len(G) || G || len(V) || V || len(X) || X
//! || len(id) || id`, lengths as 4-byte big-endian integers, points
//! uncompressed, `id` the prover's identity; the challenge is the hash
//! reduced modulo n and `r = v - x * h mod n`.
//!
//! The shared secret is the point `K = (B - X4 * (x2 * s)) * x2` in
//! uncompressed form; `PSA_ALG_TLS12_ECJPAKE_TO_PMS` hashes its x-coordinate.
//!
//! [`Jpake`] also holds the step sequence of the PSA API (`KEY_SHARE`,
//! `ZK_PUBLIC`, `ZK_PROOF` per share; in each round all outputs then all
//! inputs, or the other way round).
use elliptic_curve::ops::Reduce;
use p256::{FieldBytes, ProjectivePoint, Scalar};
use zeroize::{Zeroize, Zeroizing};

use super::{encode_point, parse_point, random_scalar, scalar_bytes, scalar_mod_n, Secret, POINT_LEN, SCALAR_LEN};
use crate::crypto::hash;
use crate::types::*;

/// Direction of the current round's messages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Io {
    None,
    Output,
    Input,
}

/// The three parts of one share in the order they cross the API.
const STEPS: [psa_pake_step_t; 3] = [PSA_PAKE_STEP_KEY_SHARE, PSA_PAKE_STEP_ZK_PUBLIC, PSA_PAKE_STEP_ZK_PROOF];

/// A J-PAKE exchange in progress.
pub struct Jpake {
    s: Secret,
    user: Vec<u8>,
    peer: Vec<u8>,
    x1: Secret,
    x2: Secret,
    mine: [ProjectivePoint; 2],
    theirs: [ProjectivePoint; 2],
    /// The peer's round-two share, once verified.
    b: Option<ProjectivePoint>,
    /// Round 0 or 1; 2 when finished.
    round: u8,
    /// Index into [`STEPS`] of the next step.
    step: usize,
    io: Io,
    outputs: u8,
    inputs: u8,
    /// The parts of the share being output (key share, commitment, response).
    pending_out: Option<Zeroizing<Vec<[u8; POINT_LEN]>>>,
    pending_r: Zeroizing<[u8; SCALAR_LEN]>,
    /// The parts of the share being input, before its proof arrives.
    pending_in: [Option<ProjectivePoint>; 2],
}

/// SHA-256 of the proof transcript, reduced modulo n.
fn challenge(g: &ProjectivePoint, v: &ProjectivePoint, x: &ProjectivePoint, id: &[u8]) -> Result<Scalar> {
    let mut buf = Vec::with_capacity(3 * (4 + POINT_LEN) + 4 + id.len());
    for p in [g, v, x] {
        buf.extend_from_slice(&(POINT_LEN as u32).to_be_bytes());
        buf.extend_from_slice(&encode_point(p)?);
    }
    buf.extend_from_slice(&(id.len() as u32).to_be_bytes());
    buf.extend_from_slice(id);
    let d = hash::compute(PSA_ALG_SHA_256, &buf)?;
    let fb = FieldBytes::try_from(d.as_ref()).map_err(|_| Error::CorruptionDetected)?;
    Ok(<Scalar as Reduce<FieldBytes>>::reduce(&fb))
}

/// A Schnorr proof of knowledge of `x` with `X = x * G`: (V, r).
fn prove(g: &ProjectivePoint, x: &Scalar, big_x: &ProjectivePoint, id: &[u8]) -> Result<(ProjectivePoint, Scalar)> {
    let v = random_scalar()?;
    let big_v = *g * v.0;
    let h = challenge(g, &big_v, big_x, id)?;
    let r = v.0 - *x * h;
    Ok((big_v, r))
}

/// Checks a Schnorr proof: `V == r * G + h * X`; `InvalidSignature` otherwise.
fn verify(g: &ProjectivePoint, big_x: &ProjectivePoint, big_v: &ProjectivePoint, r: &Scalar, id: &[u8]) -> Result<()> {
    let h = challenge(g, big_v, big_x, id)?;
    let check = *g * *r + *big_x * h;
    if check == *big_v {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}

/// A proof response from 1 to 32 big-endian bytes (Mbed TLS drops leading
/// zero bytes): `InvalidSignature` if it is not below n.
fn parse_r(bytes: &[u8]) -> Result<Scalar> {
    if bytes.is_empty() || bytes.len() > SCALAR_LEN {
        return Err(Error::InvalidArgument);
    }
    let mut full = Zeroizing::new([0u8; SCALAR_LEN]);
    full[SCALAR_LEN - bytes.len()..].copy_from_slice(bytes);
    super::scalar_from_be(full.as_slice()).ok_or(Error::InvalidSignature)
}

impl Jpake {
    /// A new exchange: the password (any length, reduced modulo n, which must
    /// not give 0: `InvalidArgument`), this side's and the peer's identities.
    pub fn new(password: &[u8], user: &[u8], peer: &[u8]) -> Result<Self> {
        let s = scalar_mod_n(password);
        if bool::from(elliptic_curve::Field::is_zero(&s.0)) {
            return Err(Error::InvalidArgument);
        }
        Ok(Jpake {
            s,
            user: user.to_vec(),
            peer: peer.to_vec(),
            x1: Secret::default(),
            x2: Secret::default(),
            mine: [ProjectivePoint::IDENTITY; 2],
            theirs: [ProjectivePoint::IDENTITY; 2],
            b: None,
            round: 0,
            step: 0,
            io: Io::None,
            outputs: 0,
            inputs: 0,
            pending_out: None,
            pending_r: Zeroizing::new([0; SCALAR_LEN]),
            pending_in: [None, None],
        })
    }

    /// Shares each side sends in the current round.
    fn expected(&self) -> u8 {
        if self.round == 0 {
            2
        } else {
            1
        }
    }

    /// The sequence checks of a step: `InvalidArgument` for a step J-PAKE
    /// does not have, `BadState` for one out of order or after the end.
    fn prologue(&mut self, step: psa_pake_step_t, io: Io) -> Result<()> {
        if !STEPS.contains(&step) {
            return Err(Error::InvalidArgument);
        }
        if self.round > 1 || step != STEPS[self.step] {
            return Err(Error::BadState);
        }
        if self.step == 0 && self.inputs == 0 && self.outputs == 0 {
            self.io = io;
        } else if self.io != io {
            return Err(Error::BadState);
        }
        Ok(())
    }

    /// Moves to the next step after a successful one.
    fn epilogue(&mut self) {
        if self.step < 2 {
            self.step += 1;
            return;
        }
        self.step = 0;
        let n = self.expected();
        if self.io == Io::Output {
            self.outputs += 1;
            if self.outputs == n {
                self.io = Io::Input;
            }
        } else {
            self.inputs += 1;
            if self.inputs == n {
                self.io = Io::Output;
            }
        }
        if self.inputs == n && self.outputs == n {
            self.inputs = 0;
            self.outputs = 0;
            self.round += 1;
            self.io = Io::None;
        }
    }

    /// Computes the next share to send and its proof.
    fn make_share(&mut self) -> Result<()> {
        let (g, x, id) = if self.round == 0 {
            let x = random_scalar()?;
            (ProjectivePoint::GENERATOR, x, self.user.clone())
        } else {
            // G_A = X1 + X3 + X4; the secret is x2 * s.
            let g = self.mine[0] + self.theirs[0] + self.theirs[1];
            (g, Secret(self.x2.0 * self.s.0), self.user.clone())
        };
        let big_x = g * x.0;
        let (big_v, r) = prove(&g, &x.0, &big_x, &id)?;
        if self.round == 0 {
            let i = self.outputs as usize;
            self.mine[i] = big_x;
            if i == 0 {
                self.x1 = x;
            } else {
                self.x2 = x;
            }
        }
        self.pending_out = Some(Zeroizing::new(vec![encode_point(&big_x)?, encode_point(&big_v)?]));
        *self.pending_r = scalar_bytes(&r);
        Ok(())
    }

    /// `psa_pake_output` for `step`: writes the message into `out` and returns
    /// its length (`BufferTooSmall` if it does not fit).
    pub fn output(&mut self, step: psa_pake_step_t, out: &mut [u8]) -> Result<usize> {
        self.prologue(step, Io::Output)?;
        if self.step == 0 {
            self.make_share()?;
        }
        let n = match self.step {
            0 | 1 => {
                let parts = self.pending_out.as_ref().ok_or(Error::BadState)?;
                let p = &parts[self.step];
                out.get_mut(..POINT_LEN).ok_or(Error::BufferTooSmall)?.copy_from_slice(p);
                POINT_LEN
            }
            _ => {
                out.get_mut(..SCALAR_LEN).ok_or(Error::BufferTooSmall)?.copy_from_slice(self.pending_r.as_slice());
                self.pending_out = None;
                self.pending_r.zeroize();
                SCALAR_LEN
            }
        };
        self.epilogue();
        Ok(n)
    }

    /// `psa_pake_input` for `step`: a key share or commitment must be a point
    /// on the curve (`InvalidArgument`); the proof is checked when the
    /// response arrives (`InvalidSignature`).
    pub fn input(&mut self, step: psa_pake_step_t, data: &[u8]) -> Result<()> {
        self.prologue(step, Io::Input)?;
        match self.step {
            0 | 1 => self.pending_in[self.step] = Some(parse_point(data)?),
            _ => {
                let r = parse_r(data)?;
                let big_x = self.pending_in[0].take().ok_or(Error::BadState)?;
                let big_v = self.pending_in[1].take().ok_or(Error::BadState)?;
                let g = if self.round == 0 {
                    ProjectivePoint::GENERATOR
                } else {
                    // G_B = X1 + X2 + X3.
                    self.mine[0] + self.mine[1] + self.theirs[0]
                };
                verify(&g, &big_x, &big_v, &r, &self.peer)?;
                if self.round == 0 {
                    self.theirs[self.inputs as usize] = big_x;
                } else {
                    self.b = Some(big_x);
                }
            }
        }
        self.epilogue();
        Ok(())
    }

    /// Whether both rounds are complete.
    pub fn finished(&self) -> bool {
        self.round > 1
    }

    /// The shared point `K = (B - X4 * (x2 * s)) * x2`, uncompressed
    /// (`BadState` before both rounds are complete).
    pub fn shared_secret(&self) -> Result<Zeroizing<Vec<u8>>> {
        let b = self.b.ok_or(Error::BadState)?;
        if !self.finished() {
            return Err(Error::BadState);
        }
        let x2s = Secret(self.x2.0 * self.s.0);
        let k = (b - self.theirs[1] * x2s.0) * self.x2.0;
        Ok(Zeroizing::new(encode_point(&k)?.to_vec()))
    }
}

impl Drop for Jpake {
    fn drop(&mut self) {
        self.user.zeroize();
        self.peer.zeroize();
    }
}

/// `PSA_ALG_TLS12_ECJPAKE_TO_PMS`: SHA-256 of the x-coordinate of the
/// uncompressed point `secret` (65 bytes, `InvalidArgument` otherwise).
pub fn tls12_pms(secret: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    if secret.len() != POINT_LEN || secret[0] != 0x04 {
        return Err(Error::InvalidArgument);
    }
    let d = hash::compute(PSA_ALG_SHA_256, &secret[1..1 + SCALAR_LEN])?;
    Ok(Zeroizing::new(d.as_ref().to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(a: &mut Jpake, b: &mut Jpake, rounds: usize) {
        let mut buf = [0u8; 65];
        for _ in 0..rounds {
            for st in STEPS {
                let n = a.output(st, &mut buf).unwrap();
                b.input(st, &buf[..n]).unwrap();
            }
        }
    }

    #[test]
    fn both_sides_agree_and_wrong_password_differs() {
        let mut a = Jpake::new(b"threadjpaketest", b"client", b"server").unwrap();
        let mut b = Jpake::new(b"threadjpaketest", b"server", b"client").unwrap();
        // Round one: a sends first, b receives first, then the other way.
        run(&mut a, &mut b, 2);
        run(&mut b, &mut a, 2);
        // Round two: b's output first this time.
        run(&mut b, &mut a, 1);
        run(&mut a, &mut b, 1);
        assert!(a.finished() && b.finished());
        assert_eq!(*a.shared_secret().unwrap(), *b.shared_secret().unwrap());
        assert_eq!(tls12_pms(&a.shared_secret().unwrap()).unwrap().len(), 32);

        let mut c = Jpake::new(b"threadjpaketest", b"client", b"server").unwrap();
        let mut d = Jpake::new(b"threadjpaketesu", b"server", b"client").unwrap();
        run(&mut c, &mut d, 2);
        run(&mut d, &mut c, 2);
        run(&mut c, &mut d, 1);
        run(&mut d, &mut c, 1);
        assert_ne!(*c.shared_secret().unwrap(), *d.shared_secret().unwrap());
    }

    #[test]
    fn wrong_identity_and_tampered_proof_fail_at_the_proof() {
        let mut a = Jpake::new(b"pw", b"client", b"server").unwrap();
        let mut b = Jpake::new(b"pw", b"server", b"someone").unwrap();
        let mut buf = [0u8; 65];
        let n = a.output(PSA_PAKE_STEP_KEY_SHARE, &mut buf).unwrap();
        b.input(PSA_PAKE_STEP_KEY_SHARE, &buf[..n]).unwrap();
        let n = a.output(PSA_PAKE_STEP_ZK_PUBLIC, &mut buf).unwrap();
        b.input(PSA_PAKE_STEP_ZK_PUBLIC, &buf[..n]).unwrap();
        let n = a.output(PSA_PAKE_STEP_ZK_PROOF, &mut buf).unwrap();
        assert_eq!(b.input(PSA_PAKE_STEP_ZK_PROOF, &buf[..n]), Err(Error::InvalidSignature));

        let mut e = Jpake::new(b"pw", b"server", b"client").unwrap();
        let n = a.output(PSA_PAKE_STEP_KEY_SHARE, &mut buf).unwrap();
        e.input(PSA_PAKE_STEP_KEY_SHARE, &buf[..n]).unwrap();
        let n = a.output(PSA_PAKE_STEP_ZK_PUBLIC, &mut buf).unwrap();
        e.input(PSA_PAKE_STEP_ZK_PUBLIC, &buf[..n]).unwrap();
        let n = a.output(PSA_PAKE_STEP_ZK_PROOF, &mut buf).unwrap();
        buf[5] ^= 1;
        assert_eq!(e.input(PSA_PAKE_STEP_ZK_PROOF, &buf[..n]), Err(Error::InvalidSignature));
    }

    #[test]
    fn sequence_rules() {
        let mut a = Jpake::new(b"pw", b"client", b"server").unwrap();
        let mut buf = [0u8; 65];
        assert_eq!(a.output(PSA_PAKE_STEP_ZK_PUBLIC, &mut buf), Err(Error::BadState));
        assert_eq!(a.output(PSA_PAKE_STEP_CONFIRM, &mut buf), Err(Error::InvalidArgument));
        a.output(PSA_PAKE_STEP_KEY_SHARE, &mut buf).unwrap();
        // Mid-share, the direction is fixed.
        assert_eq!(a.input(PSA_PAKE_STEP_ZK_PUBLIC, &buf), Err(Error::BadState));
        assert_eq!(a.output(PSA_PAKE_STEP_ZK_PUBLIC, &mut buf[..10]), Err(Error::BufferTooSmall));
        assert!(a.shared_secret().is_err());
        assert_eq!(Jpake::new(&[0, 0], b"a", b"b").err(), Some(Error::InvalidArgument));
        assert!(tls12_pms(&[4u8; 64]).is_err());
    }
}
