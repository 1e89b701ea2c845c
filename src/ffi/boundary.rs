//! The panic boundary and the pointer checks shared by every exported function.
//!
//! Every `extern "C"` function body runs inside [`guard`]: a panic becomes
//! `PSA_ERROR_CORRUPTION_DETECTED` instead of unwinding into C. The helpers turn
//! C pointer/length pairs into slices, with the specification's rule that a NULL
//! pointer is acceptable only with a zero length.
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::types::{psa_status_t, Error, Result, PSA_ERROR_CORRUPTION_DETECTED, PSA_SUCCESS};

/// Runs `f` behind the panic boundary and maps its result to a status code.
/// With the `fuzzing` feature a panic aborts the process instead (so a fuzzer
/// counts it as a crash).
#[inline(always)]
pub fn guard(f: impl FnOnce() -> Result<()>) -> psa_status_t {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => PSA_SUCCESS,
        Ok(Err(e)) => e.status(),
        Err(_) => panicked(PSA_ERROR_CORRUPTION_DETECTED),
    }
}

/// Runs `f`, which cannot report an error, behind the panic boundary.
pub fn guard_void(f: impl FnOnce()) {
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        panicked(());
    }
}

/// Runs `f` behind the panic boundary; a panic yields `fallback`.
pub fn guard_value<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| panicked(fallback))
}

/// What a caught panic becomes: `value` normally, an abort in a `fuzzing` build.
fn panicked<T>(value: T) -> T {
    if cfg!(feature = "fuzzing") {
        std::process::abort();
    }
    value
}

/// Checks the address range of a C buffer: NULL only with length 0, at most
/// `isize::MAX` bytes (the largest Rust slice) and no wrap of `ptr + len`.
/// Every slice built from a C pointer goes through here.
#[inline(always)]
fn span(ptr: *const u8, len: usize) -> Result<()> {
    if len == 0 {
        return Ok(());
    }
    if ptr.is_null() || len > isize::MAX as usize || (ptr as usize).checked_add(len).is_none() {
        return Err(Error::InvalidArgument);
    }
    Ok(())
}

/// An input buffer: NULL is accepted only with length 0; a length above
/// `isize::MAX` or a range that wraps the address space is `InvalidArgument`.
///
/// # Safety
/// When `ptr` is non-NULL it must point to `len` readable bytes that stay valid
/// and unmodified for the returned lifetime, and that no `&mut` formed during
/// that lifetime covers (pair it with an output through [`input_beside`]).
#[inline(always)]
pub unsafe fn input<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8]> {
    span(ptr, len)?;
    if len == 0 {
        return Ok(&[]);
    }
    // SAFETY: checked range; the caller promises `len` readable bytes.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// An output buffer: NULL is accepted only with size 0; a size above
/// `isize::MAX` or a range that wraps the address space is `InvalidArgument`.
///
/// # Safety
/// When `ptr` is non-NULL it must point to `len` writable bytes that no other
/// live reference aliases for the returned lifetime.
#[inline(always)]
pub unsafe fn output<'a>(ptr: *mut u8, len: usize) -> Result<&'a mut [u8]> {
    span(ptr, len)?;
    if len == 0 {
        return Ok(&mut []);
    }
    // SAFETY: checked range; the caller promises `len` writable, unaliased bytes.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
}

/// Whether two C address ranges share a byte (empty ranges share none).
#[inline(always)]
pub fn overlaps(a: *const u8, a_len: usize, b: *const u8, b_len: usize) -> bool {
    let (a, b) = (a as usize, b as usize);
    a_len > 0 && b_len > 0 && a < b.saturating_add(b_len) && b < a.saturating_add(a_len)
}

/// A required pointer to a single object, for reading.
///
/// # Safety
/// When non-NULL, `ptr` must point to a valid, initialised `T`.
pub unsafe fn obj<'a, T>(ptr: *const T) -> Result<&'a T> {
    // SAFETY: the caller promises a valid `T` when non-NULL.
    unsafe { ptr.as_ref() }.ok_or(Error::InvalidArgument)
}

/// A required pointer to a single object, for writing.
///
/// # Safety
/// When non-NULL, `ptr` must point to a valid `T` not aliased elsewhere.
pub unsafe fn obj_mut<'a, T>(ptr: *mut T) -> Result<&'a mut T> {
    // SAFETY: the caller promises a valid, unaliased `T` when non-NULL.
    unsafe { ptr.as_mut() }.ok_or(Error::InvalidArgument)
}

/// Writes `value` through an output-length pointer that must not be NULL.
///
/// # Safety
/// When non-NULL, `ptr` must be valid for writing one `T`.
pub unsafe fn set_out<T>(ptr: *mut T, value: T) -> Result<()> {
    if ptr.is_null() {
        return Err(Error::InvalidArgument);
    }
    // SAFETY: non-NULL and the caller promises it is writable.
    unsafe { ptr.write(value) };
    Ok(())
}

/// Sets `*ptr` to `value` if `ptr` is not NULL (used to clear output lengths
/// before any early return, as the specification asks).
///
/// # Safety
/// When non-NULL, `ptr` must be valid for writing one `T`.
pub unsafe fn preset<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        // SAFETY: the caller promises it is writable.
        unsafe { ptr.write(value) };
    }
}

/// The shape shared by every call that fills a caller's buffer: clears
/// `*length` (so it is 0 on any failure), checks initialisation and the length
/// pointer, turns the buffer into a slice, runs `f` on it and stores the
/// length `f` wrote.
///
/// # Safety
/// `buf` must be NULL with `size` 0 or point to `size` writable bytes; `f`
/// must read no caller buffer (calls with inputs use [`fill_with`], whose
/// inputs go through [`input_beside`]); `length` must be NULL or writable.
#[inline(always)]
pub unsafe fn fill(
    buf: *mut u8,
    size: usize,
    length: *mut usize,
    f: impl FnOnce(&mut [u8]) -> Result<usize>,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { fill_with(buf, size, length, || Ok(()), |(), out| f(out)) }
}

/// [`fill`] for calls whose inputs may overlap the output buffer: `inputs`
/// takes them (with [`input_beside`], which copies an overlapping one) before
/// the output slice exists, so the slices never alias.
///
/// # Safety
/// As for [`fill`]; `inputs` must only read caller buffers through
/// [`input_beside`] (or buffers that cannot overlap `buf`).
#[inline(always)]
pub unsafe fn fill_with<I>(
    buf: *mut u8,
    size: usize,
    length: *mut usize,
    inputs: impl FnOnce() -> Result<I>,
    f: impl FnOnce(I, &mut [u8]) -> Result<usize>,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { fill_checked(crate::api::core, buf, size, length, inputs, f) }
}

/// Whether `(ptr, len)` is a range [`span`] accepts: length 0, or non-NULL,
/// at most `isize::MAX` bytes and no wrap of `ptr + len`.
#[inline(always)]
fn span_ok(ptr: *const u8, len: usize) -> bool {
    len == 0 || (!ptr.is_null() && len <= isize::MAX as usize && (ptr as usize).checked_add(len).is_some())
}

/// Whether every range of `inputs` and the output `(out, out_len)` is one
/// `span` accepts and no input shares a byte with the output: the case in
/// which [`fill_apart`] may skip the per-buffer checks, which all pass.
#[inline(always)]
pub fn spans_apart<const N: usize>(inputs: [(*const u8, usize); N], out: *const u8, out_len: usize) -> bool {
    if !span_ok(out, out_len) {
        return false;
    }
    // With valid spans `ptr + len` does not wrap, so no saturation is needed.
    let (o, o_end) = (out as usize, (out as usize).wrapping_add(out_len));
    inputs.iter().all(|&(p, n)| {
        let (a, a_end) = (p as usize, (p as usize).wrapping_add(n));
        span_ok(p, n) && (n == 0 || out_len == 0 || a_end <= o || o_end <= a)
    })
}

/// [`fill_with`] for a one-shot call whose buffers passed [`spans_apart`]
/// (checked here first; `None`, before anything is written, when they did
/// not, and the caller takes its general path, which reports the failing
/// check). The checks that remain run in [`fill_with`]'s order (output
/// length cleared, initialisation, length pointer); the span checks all pass,
/// and each input is borrowed in place. `f` also receives the core the
/// initialisation check returned, so a fast path does not load it again.
///
/// # Safety
/// As [`fill_with`], for `inputs` (read-only) and `buf`.
#[inline(always)]
pub unsafe fn fill_apart<const N: usize>(
    inputs: [(*const u8, usize); N],
    buf: *mut u8,
    size: usize,
    length: *mut usize,
    f: impl FnOnce(&'static crate::api::Core, [&[u8]; N], &mut [u8]) -> Result<usize>,
) -> Option<psa_status_t> {
    if !spans_apart(inputs, buf, size) {
        return None;
    }
    Some(guard(|| {
        // SAFETY: forwarded caller contract.
        unsafe { preset(length, 0) };
        let core = crate::api::core()?;
        if length.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: every range was checked by `spans_apart` (as `input` and
        // `output` check them) and no input overlaps the output, so the
        // shared slices alias no `&mut`; the caller promises the bytes.
        let slices = inputs.map(|(p, n)| if n == 0 { &[][..] } else { unsafe { core::slice::from_raw_parts(p, n) } });
        let out = if size == 0 { &mut [][..] } else { unsafe { core::slice::from_raw_parts_mut(buf, size) } };
        let n = f(core, slices, out)?;
        // SAFETY: checked non-NULL above.
        unsafe { set_out(length, n) }
    }))
}

/// [`fill_with`] for a function a driver may call from inside an entry point
/// (the whitelist of `crate::driver`).
///
/// # Safety
/// As [`fill_with`].
pub unsafe fn fill_with_whitelisted<I>(
    buf: *mut u8,
    size: usize,
    length: *mut usize,
    inputs: impl FnOnce() -> Result<I>,
    f: impl FnOnce(I, &mut [u8]) -> Result<usize>,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { fill_checked(crate::api::core_whitelisted, buf, size, length, inputs, f) }
}

/// The body of [`fill_with`], with the initialisation check `init`.
unsafe fn fill_checked<I>(
    init: fn() -> Result<&'static crate::api::Core>,
    buf: *mut u8,
    size: usize,
    length: *mut usize,
    inputs: impl FnOnce() -> Result<I>,
    f: impl FnOnce(I, &mut [u8]) -> Result<usize>,
) -> psa_status_t {
    guard(|| {
        // SAFETY: forwarded caller contract.
        unsafe { preset(length, 0) };
        init()?;
        if length.is_null() {
            return Err(Error::InvalidArgument);
        }
        span(buf, size)?;
        let inputs = inputs()?;
        // SAFETY: forwarded caller contract.
        let n = f(inputs, unsafe { output(buf, size) }?)?;
        // SAFETY: checked non-NULL above.
        unsafe { set_out(length, n) }
    })
}

/// A caller's input buffer, borrowed in place or (when it overlaps an output
/// buffer) copied into a buffer that is wiped when dropped.
pub enum Input<'a> {
    /// The caller's bytes, which no output slice covers.
    Borrowed(&'a [u8]),
    /// A private copy of bytes that an output buffer overlaps.
    Copied(zeroize::Zeroizing<Vec<u8>>),
}

impl core::ops::Deref for Input<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Input::Borrowed(b) => b,
            Input::Copied(v) => v,
        }
    }
}

/// The one overlap-aware input helper: an input buffer that may overlap the
/// output `out` (in-place use is allowed). When the raw address ranges share a
/// byte, the input is copied into a zeroizing buffer through the raw pointer
/// (no `&[u8]` over the output's bytes is kept), so the `&mut [u8]` formed
/// afterwards never aliases a live shared slice.
///
/// # Safety
/// As for [`input`] and [`output`]; the `&mut` over `out` must be formed only
/// after this returns.
#[inline(always)]
pub unsafe fn input_beside<'a>(ptr: *const u8, len: usize, out: *const u8, out_len: usize) -> Result<Input<'a>> {
    span(ptr, len)?;
    if overlaps(ptr, len, out, out_len) {
        let mut copy = zeroize::Zeroizing::new(Vec::with_capacity(len));
        // SAFETY: checked range of `len` readable bytes; the vector has room.
        unsafe {
            core::ptr::copy_nonoverlapping(ptr, copy.as_mut_ptr(), len);
            copy.set_len(len);
        }
        Ok(Input::Copied(copy))
    } else {
        // SAFETY: forwarded caller contract; no output covers these bytes.
        Ok(Input::Borrowed(unsafe { input(ptr, len) }?))
    }
}

/// Two output buffers of one call (ciphertext and tag): when they overlap,
/// the second is written to a private buffer of at most `b_max` bytes (the
/// most the call can write there) and copied out after the first is released
/// (the later write wins), so two `&mut` never alias.
///
/// # Safety
/// As for [`output`], for both buffers.
pub unsafe fn outputs2<R>(
    a: *mut u8,
    a_len: usize,
    b: *mut u8,
    b_len: usize,
    b_max: usize,
    f: impl FnOnce(&mut [u8], &mut [u8]) -> Result<R>,
) -> Result<R> {
    span(a, a_len)?;
    span(b, b_len)?;
    if overlaps(a, a_len, b, b_len) {
        let b_len = b_len.min(b_max);
        let mut tmp = zeroize::Zeroizing::new(vec![0u8; b_len]);
        // SAFETY: forwarded caller contract.
        let r = f(unsafe { output(a, a_len) }?, &mut tmp)?;
        // SAFETY: the first slice is gone; `b` has `b_len` writable bytes.
        unsafe { core::ptr::copy_nonoverlapping(tmp.as_ptr(), b, b_len) };
        Ok(r)
    } else {
        // SAFETY: forwarded caller contract; the ranges are disjoint.
        unsafe { f(output(a, a_len)?, output(b, b_len)?) }
    }
}

/// The words of a non-NULL operation object; `InvalidArgument` for NULL.
pub fn op_words<T: crate::types::OperationObject>(
    op: *mut T,
) -> Result<*mut crate::api::operation::Words> {
    if op.is_null() {
        return Err(Error::InvalidArgument);
    }
    // SAFETY: non-NULL; callers pass objects the application owns, and only an
    // address is computed here.
    Ok(unsafe { T::words_of(op) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_that_cannot_be_buffers_are_rejected() {
        let b = [0u8; 8];
        // SAFETY: every call below either fails before forming a slice or
        // covers `b` only.
        unsafe {
            assert_eq!(input(b.as_ptr(), usize::MAX).err(), Some(Error::InvalidArgument));
            assert_eq!(input(b.as_ptr(), isize::MAX as usize + 1).err(), Some(Error::InvalidArgument));
            let top = (usize::MAX - 3) as *const u8;
            assert_eq!(input(top, 8).err(), Some(Error::InvalidArgument));
            assert_eq!(input(core::ptr::null(), 1).err(), Some(Error::InvalidArgument));
            assert_eq!(input(core::ptr::null(), 0).map(|s| s.len()), Ok(0));
            assert_eq!(input(top, 0).map(|s| s.len()), Ok(0));
            assert_eq!(output(top as *mut u8, 8).err(), Some(Error::InvalidArgument));
            assert_eq!(input(b.as_ptr(), 8).map(|s| s.len()), Ok(8));
        }
    }

    #[test]
    fn spans_apart_agrees_with_span_and_overlaps() {
        let b = [0u8; 32];
        let p = b.as_ptr() as usize;
        let top = usize::MAX - 3;
        let ptrs = [0, 1, p, p + 4, p + 8, p + 16, top, isize::MAX as usize];
        let lens = [0, 1, 4, 8, 16, isize::MAX as usize, isize::MAX as usize + 1, usize::MAX];
        let mut agreed = 0;
        for &ip in &ptrs {
            for &il in &lens {
                for &op in &ptrs {
                    for &ol in &lens {
                        let (i, o) = (ip as *const u8, op as *const u8);
                        let expect = span(i, il).is_ok() && span(o, ol).is_ok() && !overlaps(i, il, o, ol);
                        assert_eq!(spans_apart([(i, il)], o, ol), expect, "{ip:#x}+{il:#x} / {op:#x}+{ol:#x}");
                        agreed += 1;
                    }
                }
            }
        }
        assert_eq!(agreed, 8 * 8 * 8 * 8);
        // Two inputs: one bad range or one overlap is enough to refuse.
        let q = p as *const u8;
        assert!(spans_apart([(q, 8), (q.wrapping_add(8), 8)], q.wrapping_add(16), 16));
        assert!(!spans_apart([(q, 8), (q.wrapping_add(8), 9)], q.wrapping_add(16), 16));
        assert!(!spans_apart([(q, 8), (core::ptr::null(), 1)], q.wrapping_add(16), 16));
    }

    #[test]
    fn overlap_detection() {
        let b = [0u8; 32];
        let p = b.as_ptr();
        // SAFETY: offsets within `b`.
        let at = |i: usize| unsafe { p.add(i) };
        assert!(overlaps(p, 8, p, 8));
        assert!(overlaps(p, 8, at(7), 8));
        assert!(!overlaps(p, 8, at(8), 8));
        assert!(overlaps(at(7), 8, p, 8));
        assert!(!overlaps(at(8), 8, p, 8));
        assert!(!overlaps(p, 0, p, 8));
        assert!(!overlaps(p, 8, p, 0));
    }

    #[test]
    fn overlapping_input_is_copied_and_disjoint_borrowed() {
        let mut b = [0u8; 32];
        for (i, x) in b.iter_mut().enumerate() {
            *x = i as u8;
        }
        let p = b.as_mut_ptr();
        // SAFETY: ranges within `b`; the output slice is formed after the input.
        unsafe {
            let i = input_beside(p.add(4), 8, p.add(8), 8).unwrap();
            assert!(matches!(i, Input::Copied(_)));
            let o = output(p.add(8), 8).unwrap();
            o.fill(0xFF);
            assert_eq!(&*i, &[4, 5, 6, 7, 8, 9, 10, 11]);
            let j = input_beside(p, 8, p.add(16), 8).unwrap();
            assert!(matches!(j, Input::Borrowed(_)));
        }
    }

    #[test]
    fn overlapping_outputs_are_written_in_turn() {
        let mut b = [0u8; 24];
        let p = b.as_mut_ptr();
        // SAFETY: both ranges lie within `b`.
        let r = unsafe {
            outputs2(p, 16, p.add(8), 16, 16, |x, y| {
                x.fill(1);
                y.fill(2);
                Ok(7)
            })
        };
        assert_eq!(r, Ok(7));
        assert_eq!(&b[..8], &[1; 8]);
        assert_eq!(&b[8..], &[2; 16]);
    }
}
