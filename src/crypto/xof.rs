//! Extendable-output functions (PSA Crypto API 1.4 XOF operations): SHAKE128
//! and SHAKE256 (FIPS 202, `sha3` of the digest 0.11 generation), Ascon-XOF128
//! and Ascon-CXOF128 (NIST SP 800-232, `ascon-xof128`).
//!
//! The state machine the specification gives the operation: an optional
//! context (only for algorithms that take one, before any input), input, then
//! output in as many pieces as the caller likes; no input after output.
use ascon_xof128::{AsconCxof128, AsconXof128, AsconXof128Reader, TryCustomizedInit};
use digest::{ExtendableOutput, Update, XofReader};

use crate::types::*;

/// Longest Ascon-CXOF128 customization string: 2048 bits (SP 800-232 §5.2).
pub const MAX_CXOF_CONTEXT: usize = 256;

enum Phase {
    /// Ascon-CXOF128 before its customization string is fixed (by
    /// `set_context`, or as the empty string by the first input or output).
    CxofPending,
    Shake128(shake::Shake128),
    Shake256(shake::Shake256),
    Ascon(AsconXof128),
    Cxof(AsconCxof128),
    Shake128Out(shake::Shake128Reader),
    Shake256Out(shake::Shake256Reader),
    AsconOut(AsconXof128Reader),
    /// Only while a phase change is in progress.
    Empty,
}

/// An XOF computation in progress (`psa_xof_operation_t`'s state).
pub struct Xof {
    alg: psa_algorithm_t,
    phase: Phase,
    /// `psa_xof_set_context`, `psa_xof_update`, `psa_xof_output` were called.
    context: bool,
    input: bool,
    output: bool,
}

/// Whether this driver implements the XOF `alg`.
pub fn supported(alg: psa_algorithm_t) -> bool {
    matches!(
        alg,
        PSA_ALG_SHAKE128 | PSA_ALG_SHAKE256 | PSA_ALG_ASCON_XOF128 | PSA_ALG_ASCON_CXOF128
    )
}

fn cxof(context: &[u8]) -> Result<AsconCxof128> {
    AsconCxof128::try_new_customized(context).map_err(|_| Error::InvalidArgument)
}

impl Xof {
    /// Starts `alg`; `NotSupported` for XOFs this driver lacks.
    pub fn new(alg: psa_algorithm_t) -> Result<Self> {
        let phase = match alg {
            PSA_ALG_SHAKE128 => Phase::Shake128(Default::default()),
            PSA_ALG_SHAKE256 => Phase::Shake256(Default::default()),
            PSA_ALG_ASCON_XOF128 => Phase::Ascon(Default::default()),
            PSA_ALG_ASCON_CXOF128 => Phase::CxofPending,
            _ => return Err(Error::NotSupported),
        };
        Ok(Xof { alg, phase, context: false, input: false, output: false })
    }

    /// The algorithm.
    pub fn alg(&self) -> psa_algorithm_t {
        self.alg
    }

    /// `psa_xof_set_context`: `BadState` once a context, input or output was
    /// given; `InvalidArgument` for an algorithm without a context or a
    /// context too long for it.
    pub fn set_context(&mut self, context: &[u8]) -> Result<()> {
        if self.context || self.input || self.output {
            return Err(Error::BadState);
        }
        self.context = true;
        if !psa_alg_xof_has_context(self.alg) {
            return Err(Error::InvalidArgument);
        }
        if context.len() > MAX_CXOF_CONTEXT {
            return Err(Error::InvalidArgument);
        }
        self.phase = Phase::Cxof(cxof(context)?);
        Ok(())
    }

    fn fix_context(&mut self) -> Result<()> {
        if let Phase::CxofPending = self.phase {
            self.phase = Phase::Cxof(cxof(&[])?);
        }
        Ok(())
    }

    /// `psa_xof_update`: `BadState` after output.
    pub fn update(&mut self, input: &[u8]) -> Result<()> {
        if self.output {
            return Err(Error::BadState);
        }
        self.input = true;
        self.fix_context()?;
        match &mut self.phase {
            Phase::Shake128(h) => h.update(input),
            Phase::Shake256(h) => h.update(input),
            Phase::Ascon(h) => h.update(input),
            Phase::Cxof(h) => h.update(input),
            _ => return Err(Error::CorruptionDetected),
        }
        Ok(())
    }

    /// `psa_xof_output`: the next `out.len()` bytes of output.
    pub fn output(&mut self, out: &mut [u8]) -> Result<()> {
        self.output = true;
        self.fix_context()?;
        self.phase = match core::mem::replace(&mut self.phase, Phase::Empty) {
            Phase::Shake128(h) => Phase::Shake128Out(h.finalize_xof()),
            Phase::Shake256(h) => Phase::Shake256Out(h.finalize_xof()),
            Phase::Ascon(h) => Phase::AsconOut(h.finalize_xof()),
            Phase::Cxof(h) => Phase::AsconOut(h.finalize_xof()),
            p => p,
        };
        match &mut self.phase {
            Phase::Shake128Out(r) => r.read(out),
            Phase::Shake256Out(r) => r.read(out),
            Phase::AsconOut(r) => r.read(out),
            _ => return Err(Error::CorruptionDetected),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testutil::hex;

    fn run(alg: psa_algorithm_t, ctx: Option<&[u8]>, msg: &[u8], n: usize) -> Vec<u8> {
        let mut x = Xof::new(alg).unwrap();
        if let Some(c) = ctx {
            x.set_context(c).unwrap();
        }
        x.update(msg).unwrap();
        let mut out = vec![0u8; n];
        x.output(&mut out).unwrap();
        out
    }

    /// Known answers from tests/vectors/xof.txt (FIPS 202 examples, SP 800-232
    /// reference KATs), and output split at every point equals one read.
    #[test]
    fn known_answers_and_splits() {
        let data = include_str!("../../tests/vectors/xof.txt");
        let mut count = 0;
        for line in data.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let f: Vec<&str> = line.split_whitespace().collect();
            let alg = match f[0] {
                "SHAKE128" => PSA_ALG_SHAKE128,
                "SHAKE256" => PSA_ALG_SHAKE256,
                "ASCON-XOF128" => PSA_ALG_ASCON_XOF128,
                "ASCON-CXOF128" => PSA_ALG_ASCON_CXOF128,
                other => panic!("unknown {other}"),
            };
            let ctx = (f[1] != "-").then(|| hex(f[1]));
            let msg = if f[2] == "-" { vec![] } else { hex(f[2]) };
            let want = hex(f[3]);
            assert_eq!(run(alg, ctx.as_deref(), &msg, want.len()), want, "{line}");
            for split in [0, 1, 7, want.len() / 2] {
                let mut x = Xof::new(alg).unwrap();
                if let Some(c) = &ctx {
                    x.set_context(c).unwrap();
                }
                let (a, b) = msg.split_at(split.min(msg.len()));
                x.update(a).unwrap();
                x.update(b).unwrap();
                let mut out = vec![0u8; want.len()];
                let (o1, o2) = out.split_at_mut(split.min(want.len()));
                x.output(o1).unwrap();
                x.output(o2).unwrap();
                assert_eq!(out, want, "{line} split {split}");
            }
            count += 1;
        }
        assert!(count >= 8, "{count} vectors");
    }

    /// Cross-check against an independent implementation: Ascon-XOF128 of
    /// `ascon-xof128` (the `ascon` permutation crate) equals `ascon-hash`'s
    /// (the `ascon-core` permutation) for every input length 0..200 and output
    /// lengths around the 8-byte rate.
    #[test]
    fn ascon_xof_cross_check() {
        let msg: Vec<u8> = (0..200u32).map(|i| (i * 13 + 5) as u8).collect();
        for n in 0..msg.len() {
            for out_len in [1, 7, 8, 9, 33] {
                let mut other = ascon_hash::AsconXof128::default();
                other.update(&msg[..n]);
                let mut want = vec![0u8; out_len];
                other.finalize_xof().read(&mut want);
                assert_eq!(run(PSA_ALG_ASCON_XOF128, None, &msg[..n], out_len), want, "len {n}");
            }
        }
    }

    #[test]
    fn state_machine() {
        let mut x = Xof::new(PSA_ALG_SHAKE128).unwrap();
        assert_eq!(x.set_context(b"c"), Err(Error::InvalidArgument));
        let mut x2 = Xof::new(PSA_ALG_ASCON_CXOF128).unwrap();
        x2.update(b"a").unwrap();
        assert_eq!(x2.set_context(b"c"), Err(Error::BadState));
        let mut x3 = Xof::new(PSA_ALG_ASCON_CXOF128).unwrap();
        x3.set_context(b"c").unwrap();
        assert_eq!(x3.set_context(b"c"), Err(Error::BadState));
        assert_eq!(
            Xof::new(PSA_ALG_ASCON_CXOF128).unwrap().set_context(&[0; 257]),
            Err(Error::InvalidArgument)
        );
        Xof::new(PSA_ALG_ASCON_CXOF128).unwrap().set_context(&[0; 256]).unwrap();
        let mut o = [0u8; 4];
        x.output(&mut o).unwrap();
        assert_eq!(x.update(b"a"), Err(Error::BadState));
        // CXOF with an empty context equals CXOF without set_context.
        assert_eq!(
            run(PSA_ALG_ASCON_CXOF128, Some(b""), b"abc", 40),
            run(PSA_ALG_ASCON_CXOF128, None, b"abc", 40)
        );
        assert_ne!(
            run(PSA_ALG_ASCON_CXOF128, None, b"abc", 40),
            run(PSA_ALG_ASCON_XOF128, None, b"abc", 40)
        );
        assert_eq!(Xof::new(PSA_ALG_SHAKE256_512).err(), Some(Error::NotSupported));
    }
}
