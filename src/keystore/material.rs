//! Key material as a slot holds it: inline in the key (no heap block of its
//! own) when it is at most [`INLINE`] bytes, else in a zeroizing heap buffer.
//! Either form is wiped when the key is dropped, which happens when the last
//! reader of a destroyed key leaves its slot (the key store's wipe).
use core::ops::Deref;

use zeroize::Zeroizing;

/// The largest material kept inline (every AES, ARIA, Camellia, ChaCha20 and
/// HMAC key of up to a SHA-512 block).
pub const INLINE: usize = 64;

/// A key's material in its export format; zeroized on drop.
pub enum Material {
    /// Up to `INLINE` bytes, the first `len` of `bytes`.
    Inline {
        /// The length.
        len: u8,
        /// The bytes (the rest zero).
        bytes: [u8; INLINE],
    },
    /// Longer material (or material handed over already on the heap).
    Heap(Zeroizing<Vec<u8>>),
}

impl Material {
    /// A copy of `data`, inline when it fits.
    #[inline]
    pub fn copy_of(data: &[u8]) -> Self {
        if data.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..data.len()].copy_from_slice(data);
            Material::Inline { len: data.len() as u8, bytes }
        } else {
            Material::Heap(Zeroizing::new(data.to_vec()))
        }
    }
}

impl From<Zeroizing<Vec<u8>>> for Material {
    /// Takes over a heap buffer as it is (no second copy of the key).
    fn from(v: Zeroizing<Vec<u8>>) -> Self {
        Material::Heap(v)
    }
}

impl Deref for Material {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        match self {
            Material::Inline { len, bytes } => &bytes[..*len as usize],
            Material::Heap(v) => v,
        }
    }
}

impl AsRef<[u8]> for Material {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl Drop for Material {
    #[inline]
    fn drop(&mut self) {
        // The heap form wipes itself (`Zeroizing`).
        if let Material::Inline { len, bytes } = self {
            // One 64-byte memset the compiler must keep (`zeroize` on a byte
            // array stores byte by byte: 64 volatile stores).
            // SAFETY: `bytes` is valid for INLINE bytes.
            unsafe { crate::alloc::wipe(bytes.as_mut_ptr(), INLINE) };
            *len = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_up_to_64_bytes() {
        for n in [1, 16, 32, 64] {
            let data: Vec<u8> = (0..n as u8).collect();
            let m = Material::copy_of(&data);
            assert!(matches!(m, Material::Inline { .. }), "{n}");
            assert_eq!(&m[..], &data[..]);
        }
        let data = [7u8; 65];
        let m = Material::copy_of(&data);
        assert!(matches!(m, Material::Heap(_)));
        assert_eq!(&m[..], &data[..]);
        let m: Material = Zeroizing::new(vec![1, 2, 3]).into();
        assert_eq!(&*m, &[1, 2, 3]);
    }

    /// Dropping inline material zeroes its bytes in place.
    #[test]
    fn inline_wiped_on_drop() {
        let mut slot = core::mem::MaybeUninit::new(Material::copy_of(&[0xa5; 32]));
        // SAFETY: initialised above, dropped once here; the storage stays
        // ours (a MaybeUninit) and is read as plain bytes afterwards.
        unsafe { core::ptr::drop_in_place(slot.as_mut_ptr()) };
        let raw = unsafe {
            core::slice::from_raw_parts(slot.as_ptr() as *const u8, core::mem::size_of::<Material>())
        };
        assert!(!raw.windows(4).any(|w| w == [0xa5; 4]));
    }
}
