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

/// An input buffer: NULL is accepted only with length 0.
///
/// # Safety
/// When `ptr` is non-NULL it must point to `len` readable bytes that stay valid
/// and unmodified for the returned lifetime.
pub unsafe fn input<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Error::InvalidArgument);
    }
    // SAFETY: non-NULL and the caller promises `len` readable bytes.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// An output buffer: NULL is accepted only with size 0.
///
/// # Safety
/// When `ptr` is non-NULL it must point to `len` writable bytes that no other
/// live reference aliases for the returned lifetime.
pub unsafe fn output<'a>(ptr: *mut u8, len: usize) -> Result<&'a mut [u8]> {
    if len == 0 {
        return Ok(&mut []);
    }
    if ptr.is_null() {
        return Err(Error::InvalidArgument);
    }
    // SAFETY: non-NULL and the caller promises `len` writable, unaliased bytes.
    Ok(unsafe { core::slice::from_raw_parts_mut(ptr, len) })
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
/// `buf` must be NULL with `size` 0 or point to `size` writable bytes; inputs
/// that `f` reads must not overlap them (use [`fill_with`] when they may);
/// `length` must be NULL or writable.
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
pub unsafe fn fill_with<I>(
    buf: *mut u8,
    size: usize,
    length: *mut usize,
    inputs: impl FnOnce() -> Result<I>,
    f: impl FnOnce(I, &mut [u8]) -> Result<usize>,
) -> psa_status_t {
    guard(|| {
        // SAFETY: forwarded caller contract.
        unsafe { preset(length, 0) };
        crate::api::core()?;
        if length.is_null() {
            return Err(Error::InvalidArgument);
        }
        let inputs = inputs()?;
        // SAFETY: forwarded caller contract.
        let n = f(inputs, unsafe { output(buf, size) }?)?;
        // SAFETY: checked non-NULL above.
        unsafe { set_out(length, n) }
    })
}

/// An input buffer that may overlap the output `out` (in-place use is
/// allowed): copied first when it does, so the Rust slices never alias.
///
/// # Safety
/// As for [`input`] and [`output`].
pub unsafe fn input_beside<'a>(
    ptr: *const u8,
    len: usize,
    out: *const u8,
    out_len: usize,
) -> Result<std::borrow::Cow<'a, [u8]>> {
    // SAFETY: forwarded caller contract.
    let data = unsafe { input(ptr, len) }?;
    let (a, b) = (ptr as usize, out as usize);
    if len > 0 && out_len > 0 && a < b.wrapping_add(out_len) && b < a.wrapping_add(len) {
        Ok(std::borrow::Cow::Owned(data.to_vec()))
    } else {
        Ok(std::borrow::Cow::Borrowed(data))
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
