//! One file per key in a directory.
//!
//! * The directory is resolved to an absolute path when the backend is opened
//!   (at `psa_crypto_init`) and opened once; every file operation is relative
//!   to that descriptor. It must be a directory owned by the effective uid and
//!   not writable by group or others ([`Error::StorageFailure`] otherwise). It
//!   is created (mode 0700, parent fsynced) on the first write.
//! * A record is written to an anonymous file (`O_TMPFILE`), fsynced and linked
//!   to its final name with `linkat(2)`, which fails with `EEXIST` when the name
//!   exists: creation is atomic and never overwrites a key, whatever the
//!   processes, PID namespaces or containers sharing the directory. Where the
//!   file system has no `O_TMPFILE` (or `/proc` is missing), a named temporary
//!   file `.key-XXXXXXXX.<128 random bits>.tmp` (`O_EXCL`, 0600) is used
//!   instead, locked with `flock(2)` for its whole life; only the temporary file
//!   this call created is removed.
//! * Stale temporary files (a crashed writer's, or an older version's
//!   `.key-XXXXXXXX.<pid>.<n>.tmp`) hold complete records: they are overwritten
//!   with zeros, fsynced and unlinked when the backend is opened and when the
//!   key of their id is removed. A file some live writer holds locked is left
//!   alone; an unlocked old-style file only once it is [`OLD_TMP_AGE`] old.
//! * A key file is opened with `O_NOFOLLOW | O_NONBLOCK` and must be a regular
//!   file owned by the effective uid of at most [`format::MAX_RECORD`] bytes;
//!   anything else (a symlink, a FIFO, a device, a foreign or oversized file)
//!   is [`Error::DataCorrupt`], and can still be removed.
//! * A removed key file is unlinked, then overwritten with zeros and fsynced
//!   through the descriptor opened before the unlink (when it was its only
//!   name). The directory is fsynced after every link and unlink.
//! * When the directory fsync after a successful link fails, the new name is
//!   removed again and the creation reports `StorageFailure`; if even that
//!   removal fails, the key exists and the creation reports success.
use std::ffi::{CStr, CString, OsStr, OsString};
use std::fs::File;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use std::sync::atomic::{AtomicI32, Ordering};
use zeroize::Zeroizing;

use super::{format, Its};
use crate::types::{Error, Result};

/// An unlocked temporary file in the old naming scheme (no lock held by its
/// writer) is swept only once it is this old, so that a writer of an older
/// version that is still running keeps its file.
pub const OLD_TMP_AGE: Duration = Duration::from_secs(60);

/// Attempts at a fresh random temporary name before giving up.
const TMP_ATTEMPTS: usize = 16;

/// Key files under one directory.
pub struct FileIts {
    /// The directory, absolute.
    dir: PathBuf,
    /// The opened and checked directory's descriptor, -1 until it first
    /// exists; set once (compare-and-swap, so no thread ever blocks on it),
    /// closed on drop.
    fd: AtomicI32,
}

impl Drop for FileIts {
    fn drop(&mut self) {
        let fd = *self.fd.get_mut();
        if fd >= 0 {
            // SAFETY: the descriptor was stored once by `existing_dir` and is
            // owned by this backend.
            drop(unsafe { OwnedFd::from_raw_fd(fd) });
        }
    }
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// A failed I/O call: storage full (`ENOSPC`, `EFBIG`, `EDQUOT`) is
/// `InsufficientStorage`, anything else `StorageFailure`.
fn io_error(e: std::io::Error) -> Error {
    match e.raw_os_error() {
        Some(libc::ENOSPC | libc::EFBIG | libc::EDQUOT) => Error::InsufficientStorage,
        _ => Error::StorageFailure,
    }
}

fn last_error() -> Error {
    io_error(std::io::Error::last_os_error())
}

fn cstr(p: &OsStr) -> Result<CString> {
    CString::new(p.as_bytes()).map_err(|_| Error::StorageFailure)
}

/// `openat(2)`; `Err(errno)` on failure.
fn openat(dir: RawFd, name: &CStr, flags: i32, mode: libc::mode_t) -> std::result::Result<OwnedFd, i32> {
    // SAFETY: `name` is NUL-terminated; the returned descriptor is owned.
    let fd = unsafe { libc::openat(dir, name.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) };
    if fd < 0 {
        Err(errno())
    } else {
        // SAFETY: a fresh descriptor nobody else owns.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }
}

fn fstat(fd: RawFd) -> std::result::Result<libc::stat, i32> {
    // SAFETY: `st` is written by the kernel before it is read.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(errno());
    }
    Ok(st)
}

/// `fstatat(2)` without following a final symlink.
fn lstatat(dir: RawFd, name: &CStr) -> std::result::Result<libc::stat, i32> {
    // SAFETY: as for `fstat`; `name` is NUL-terminated.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstatat(dir, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
        return Err(errno());
    }
    Ok(st)
}

fn same_file(a: &libc::stat, b: &libc::stat) -> bool {
    a.st_dev == b.st_dev && a.st_ino == b.st_ino
}

fn is_regular(st: &libc::stat) -> bool {
    st.st_mode & libc::S_IFMT == libc::S_IFREG
}

fn euid() -> libc::uid_t {
    // SAFETY: no preconditions.
    unsafe { libc::geteuid() }
}

fn unlinkat(dir: RawFd, name: &CStr) -> std::result::Result<(), i32> {
    // SAFETY: `name` is NUL-terminated.
    if unsafe { libc::unlinkat(dir, name.as_ptr(), 0) } != 0 {
        return Err(errno());
    }
    Ok(())
}

fn fsync(fd: RawFd) -> Result<()> {
    // SAFETY: plain system call on a descriptor we hold.
    if unsafe { libc::fsync(fd) } != 0 {
        return Err(last_error());
    }
    Ok(())
}

/// Overwrites the `size` bytes of the file `fd` with zeros and syncs it.
fn wipe(fd: &OwnedFd, size: u64) {
    let f = std::mem::ManuallyDrop::new(
        // SAFETY: borrowed for this function only; ManuallyDrop keeps it open.
        unsafe { File::from_raw_fd(fd.as_raw_fd()) },
    );
    let zeros = [0u8; 4096];
    let mut at = 0u64;
    while at < size {
        let n = (size - at).min(zeros.len() as u64) as usize;
        if f.write_all_at(&zeros[..n], at).is_err() {
            break;
        }
        at += n as u64;
    }
    let _ = f.sync_data();
}

/// The value of environment variable `name`, unless the process runs with
/// privileges it did not get from its invoker (setuid, setgid, file
/// capabilities): `secure_getenv` semantics. An empty value counts as unset.
pub fn secure_var_os(name: &str) -> Option<OsString> {
    // SAFETY: no preconditions.
    let privileged = unsafe {
        libc::getuid() != libc::geteuid()
            || libc::getgid() != libc::getegid()
            || libc::getauxval(libc::AT_SECURE) != 0
    };
    if privileged {
        return None;
    }
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// Whether `name` is a temporary file of ours: `.key-<8 hex>.<…>.tmp`, and if
/// `uid` is given, one of that id.
fn is_temp_name(name: &[u8], uid: Option<u32>) -> bool {
    let Some(rest) = name.strip_prefix(b".key-") else { return false };
    if rest.len() < 9 + 4 || !rest.ends_with(b".tmp") || rest[8] != b'.' {
        return false;
    }
    match uid {
        Some(u) => rest[..8] == *format!("{u:08x}").as_bytes(),
        None => rest[..8].iter().all(u8::is_ascii_hexdigit),
    }
}

/// Whether a temporary name is of the current scheme (`.key-X.<32 hex>.tmp`),
/// whose writers hold a lock, rather than an older version's.
fn is_locked_scheme(name: &[u8]) -> bool {
    let mid = &name[5 + 9..name.len() - 4];
    mid.len() == 32 && mid.iter().all(u8::is_ascii_hexdigit)
}

fn random_hex() -> Result<String> {
    let mut b = [0u8; 16];
    let mut got = 0;
    while got < b.len() {
        // SAFETY: writes at most `len - got` bytes into `b[got..]`.
        let n = unsafe { libc::getrandom(b[got..].as_mut_ptr().cast(), b.len() - got, 0) };
        if n < 0 {
            if errno() == libc::EINTR {
                continue;
            }
            return Err(Error::InsufficientEntropy);
        }
        got += n as usize;
    }
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// Writes all of `data` to `fd` and syncs it.
fn write_synced(fd: &OwnedFd, data: &[u8]) -> Result<()> {
    let mut f = std::mem::ManuallyDrop::new(
        // SAFETY: borrowed for this function only; ManuallyDrop keeps it open.
        unsafe { File::from_raw_fd(fd.as_raw_fd()) },
    );
    f.write_all(data).map_err(io_error)?;
    f.sync_all().map_err(io_error)
}

/// How the record reached its name.
enum Linked {
    /// Linked: the new file (for the post-link checks).
    Yes(libc::stat),
    /// The name exists already.
    Exists,
    /// This way of writing is not available here: try the next one.
    Unavailable,
}

impl FileIts {
    /// The backend for `dir` (made absolute against the current directory).
    /// If the directory exists it is opened and checked now (owned by the
    /// effective uid, not writable by group or others, else `StorageFailure`)
    /// and stale temporary files in it are wiped; otherwise it is created on
    /// the first write.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self> {
        let dir = dir.into();
        let dir = if dir.is_absolute() {
            dir
        } else {
            std::env::current_dir().map_err(|_| Error::StorageFailure)?.join(dir)
        };
        let its = FileIts { dir, fd: AtomicI32::new(-1) };
        if its.existing_dir()?.is_some() {
            its.sweep(None);
        }
        Ok(its)
    }

    /// A backend rooted at `dir` with no checks until first use (tests).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        FileIts { dir: dir.into(), fd: AtomicI32::new(-1) }
    }

    /// The directory holding the key files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file name of the record `uid`.
    pub fn path_of(&self, uid: u32) -> PathBuf {
        self.dir.join(file_name(uid))
    }

    /// Opens and checks the directory if it exists (`Ok(None)` if not).
    fn existing_dir(&self) -> Result<Option<RawFd>> {
        let known = self.fd.load(Ordering::Acquire);
        if known >= 0 {
            return Ok(Some(known));
        }
        let path = cstr(self.dir.as_os_str())?;
        match openat(libc::AT_FDCWD, &path, libc::O_RDONLY | libc::O_DIRECTORY, 0) {
            Ok(fd) => {
                check_dir(&fd)?;
                // Another thread may have won: then ours is closed and theirs used.
                let raw = fd.as_raw_fd();
                match self.fd.compare_exchange(-1, raw, Ordering::AcqRel, Ordering::Acquire) {
                    Ok(_) => {
                        let _owned_by_self = fd.into_raw_fd();
                        Ok(Some(raw))
                    }
                    Err(winner) => Ok(Some(winner)),
                }
            }
            Err(libc::ENOENT) => Ok(None),
            Err(_) => Err(Error::StorageFailure),
        }
    }

    /// The directory, created (with its missing parents, mode 0700, each
    /// parent fsynced) if needed.
    fn dir_for_writing(&self) -> Result<RawFd> {
        if let Some(fd) = self.existing_dir()? {
            return Ok(fd);
        }
        let mut missing = Vec::new();
        let mut p = self.dir.as_path();
        while std::fs::symlink_metadata(p).is_err() {
            missing.push(p.to_path_buf());
            match p.parent() {
                Some(parent) => p = parent,
                None => break,
            }
        }
        for d in missing.iter().rev() {
            let c = cstr(d.as_os_str())?;
            // SAFETY: `c` is NUL-terminated.
            if unsafe { libc::mkdir(c.as_ptr(), 0o700) } != 0 && errno() != libc::EEXIST {
                return Err(last_error());
            }
            if let Some(parent) = d.parent() {
                let pc = cstr(parent.as_os_str())?;
                let pfd = openat(libc::AT_FDCWD, &pc, libc::O_RDONLY | libc::O_DIRECTORY, 0)
                    .map_err(|_| Error::StorageFailure)?;
                fsync(pfd.as_raw_fd())?;
            }
        }
        self.existing_dir()?.ok_or(Error::StorageFailure)
    }

    /// Writes through an anonymous `O_TMPFILE` file linked into place.
    fn create_anonymous(&self, d: RawFd, name: &CStr, data: &[u8]) -> Result<Linked> {
        let fd = match openat(d, c".", libc::O_TMPFILE | libc::O_WRONLY, 0o600) {
            Ok(fd) => fd,
            Err(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL | libc::ENOENT) => return Ok(Linked::Unavailable),
            Err(e) => return Err(io_error(std::io::Error::from_raw_os_error(e))),
        };
        write_synced(&fd, data)?;
        let st = fstat(fd.as_raw_fd()).map_err(|_| Error::StorageFailure)?;
        let proc_path = CString::new(format!("/proc/self/fd/{}", fd.as_raw_fd())).expect("no NUL");
        // SAFETY: NUL-terminated paths; descriptors we hold.
        let mut rc = unsafe {
            libc::linkat(libc::AT_FDCWD, proc_path.as_ptr(), d, name.as_ptr(), libc::AT_SYMLINK_FOLLOW)
        };
        if rc != 0 && errno() == libc::ENOENT {
            // No /proc: AT_EMPTY_PATH (needs CAP_DAC_READ_SEARCH on older kernels).
            // SAFETY: as above.
            rc = unsafe { libc::linkat(fd.as_raw_fd(), c"".as_ptr(), d, name.as_ptr(), libc::AT_EMPTY_PATH) };
        }
        if rc == 0 {
            return Ok(Linked::Yes(st));
        }
        match errno() {
            libc::EEXIST => Ok(Linked::Exists),
            libc::ENOENT | libc::EPERM | libc::EOPNOTSUPP | libc::EXDEV => Ok(Linked::Unavailable),
            e => Err(io_error(std::io::Error::from_raw_os_error(e))),
        }
    }

    /// Writes through a named, locked temporary file linked into place.
    fn create_named(&self, d: RawFd, uid: u32, name: &CStr, data: &[u8]) -> Result<Linked> {
        for _ in 0..TMP_ATTEMPTS {
            let tmp = CString::new(format!(".key-{uid:08x}.{}.tmp", random_hex()?)).expect("no NUL");
            let fd = match openat(d, &tmp, libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW, 0o600) {
                Ok(fd) => fd,
                Err(libc::EEXIST) => continue,
                Err(e) => return Err(io_error(std::io::Error::from_raw_os_error(e))),
            };
            // SAFETY: a descriptor we hold.
            if unsafe { libc::flock(fd.as_raw_fd(), libc::LOCK_EX) } != 0 {
                let _ = unlinkat(d, &tmp);
                return Err(Error::StorageFailure);
            }
            // A sweeper may have taken the file between the open and the lock:
            // then the name is gone (or another file's) and we start again.
            let st = fstat(fd.as_raw_fd()).map_err(|_| Error::StorageFailure)?;
            if !lstatat(d, &tmp).is_ok_and(|n| same_file(&n, &st)) {
                continue;
            }
            // From here on the name is ours: we hold the lock until it is gone.
            let written = write_synced(&fd, data);
            let linked = match written {
                Ok(()) => {
                    // SAFETY: NUL-terminated names relative to `d`.
                    if unsafe { libc::linkat(d, tmp.as_ptr(), d, name.as_ptr(), 0) } == 0 {
                        Ok(Linked::Yes(st))
                    } else if errno() == libc::EEXIST {
                        Ok(Linked::Exists)
                    } else {
                        Err(last_error())
                    }
                }
                Err(e) => Err(e),
            };
            // The temporary name goes in every case; its content is wiped
            // unless the key file now shares it.
            if !matches!(linked, Ok(Linked::Yes(_))) {
                wipe(&fd, data.len() as u64);
            }
            let _ = unlinkat(d, &tmp);
            return linked;
        }
        Err(Error::StorageFailure)
    }

    /// After the link: make it durable, or undo it (see the module notes).
    fn after_link(&self, d: RawFd, name: &CStr, st: &libc::stat) -> Result<()> {
        if fsync(d).is_ok() && !tests_fail_dir_sync() {
            return Ok(());
        }
        let ours = lstatat(d, name).is_ok_and(|n| same_file(&n, st));
        if ours && unlinkat(d, name).is_ok() {
            let _ = fsync(d);
            return Err(Error::StorageFailure);
        }
        // The key exists and cannot be taken back: it was created.
        Ok(())
    }

    /// Wipes and removes stale temporary files (of `uid`, or all of them).
    fn sweep(&self, uid: Option<u32>) {
        let Ok(Some(d)) = self.existing_dir() else { return };
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        let mut removed = false;
        for e in entries.flatten() {
            let name = e.file_name().into_vec();
            if !is_temp_name(&name, uid) {
                continue;
            }
            let Ok(c) = CString::new(name.clone()) else { continue };
            removed |= sweep_one(d, &c, is_locked_scheme(&name));
        }
        if removed {
            let _ = fsync(d);
        }
    }
}

/// Wipes and unlinks one temporary file if no live writer holds it; whether it
/// was removed.
fn sweep_one(d: RawFd, name: &CStr, locked_scheme: bool) -> bool {
    let fd = match openat(d, name, libc::O_RDWR | libc::O_NOFOLLOW | libc::O_NONBLOCK, 0) {
        Ok(fd) => fd,
        // Not a file of ours (a symlink, a socket): it holds no record; drop the name.
        Err(libc::ELOOP | libc::ENXIO) => return unlinkat(d, name).is_ok(),
        Err(_) => return false,
    };
    // SAFETY: a descriptor we hold.
    if unsafe { libc::flock(fd.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        return false; // a live writer
    }
    let (Ok(st), Ok(now)) = (fstat(fd.as_raw_fd()), lstatat(d, name)) else { return false };
    if !same_file(&st, &now) {
        return false;
    }
    if !locked_scheme {
        let mtime = SystemTime::UNIX_EPOCH + Duration::from_secs(st.st_mtime.max(0) as u64);
        if SystemTime::now().duration_since(mtime).unwrap_or_default() < OLD_TMP_AGE {
            return false;
        }
    }
    // A crashed writer of the old scheme may have linked the file as a key
    // before dying: then the key shares it, and only the name goes.
    if is_regular(&st) && st.st_nlink == 1 {
        wipe(&fd, st.st_size as u64);
    }
    unlinkat(d, name).is_ok()
}

#[cfg(test)]
thread_local! {
    /// Unit tests: make the next directory fsync after a link fail.
    static FAIL_DIR_SYNC: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a unit test asked the directory fsync after a link to fail.
fn tests_fail_dir_sync() -> bool {
    #[cfg(test)]
    return FAIL_DIR_SYNC.with(|f| f.replace(false));
    #[cfg(not(test))]
    false
}

/// The file name of record `uid`.
fn file_name(uid: u32) -> String {
    format!("key-{uid:08x}.psa")
}

fn c_file_name(uid: u32) -> CString {
    CString::new(file_name(uid)).expect("no NUL")
}

/// The directory must be one, owned by the effective uid, with no group or
/// other write permission.
fn check_dir(fd: &OwnedFd) -> Result<()> {
    let st = fstat(fd.as_raw_fd()).map_err(|_| Error::StorageFailure)?;
    let is_dir = st.st_mode & libc::S_IFMT == libc::S_IFDIR;
    if !is_dir || st.st_uid != euid() || st.st_mode & 0o022 != 0 {
        return Err(Error::StorageFailure);
    }
    Ok(())
}

impl Its for FileIts {
    fn get(&self, uid: u32) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let Some(d) = self.existing_dir()? else { return Ok(None) };
        let fd = match openat(d, &c_file_name(uid), libc::O_RDONLY | libc::O_NOFOLLOW | libc::O_NONBLOCK, 0) {
            Ok(fd) => fd,
            Err(libc::ENOENT) => return Ok(None),
            // A symlink, or a socket or device without a reader behind it.
            Err(libc::ELOOP | libc::ENXIO | libc::ENODEV) => return Err(Error::DataCorrupt),
            Err(_) => return Err(Error::StorageFailure),
        };
        let st = fstat(fd.as_raw_fd()).map_err(|_| Error::StorageFailure)?;
        if !is_regular(&st) || st.st_uid != euid() || st.st_size < 0 || st.st_size as u64 > format::MAX_RECORD as u64 {
            return Err(Error::DataCorrupt);
        }
        let mut f = File::from(fd);
        let mut buf = Zeroizing::new(vec![0u8; st.st_size as usize]);
        f.read_exact(&mut buf).map_err(|e| match e.kind() {
            ErrorKind::UnexpectedEof => Error::DataCorrupt,
            _ => Error::StorageFailure,
        })?;
        // The file grew while we read it: not a record we can trust.
        let mut more = [0u8; 1];
        if f.read(&mut more).map_err(|_| Error::StorageFailure)? != 0 {
            return Err(Error::DataCorrupt);
        }
        Ok(Some(buf))
    }

    fn create(&self, uid: u32, data: &[u8]) -> Result<()> {
        if data.len() > format::MAX_RECORD {
            return Err(Error::NotSupported);
        }
        let d = self.dir_for_writing()?;
        let name = c_file_name(uid);
        let linked = match self.create_anonymous(d, &name, data)? {
            Linked::Unavailable => self.create_named(d, uid, &name, data)?,
            l => l,
        };
        match linked {
            Linked::Yes(st) => self.after_link(d, &name, &st),
            Linked::Exists => Err(Error::AlreadyExists),
            Linked::Unavailable => Err(Error::StorageFailure),
        }
    }

    fn remove(&self, uid: u32) -> Result<bool> {
        let Some(d) = self.existing_dir()? else { return Ok(false) };
        let name = c_file_name(uid);
        // Opened before the unlink, so the content can be wiped afterwards.
        let fd = openat(d, &name, libc::O_RDWR | libc::O_NOFOLLOW | libc::O_NONBLOCK, 0).ok();
        let removed = match unlinkat(d, &name) {
            Ok(()) => true,
            Err(libc::ENOENT) => false,
            Err(e) => return Err(io_error(std::io::Error::from_raw_os_error(e))),
        };
        if let Some(fd) = fd.filter(|_| removed) {
            if let Ok(st) = fstat(fd.as_raw_fd()) {
                if is_regular(&st) && st.st_nlink == 0 && st.st_uid == euid() {
                    wipe(&fd, st.st_size as u64);
                }
            }
        }
        self.sweep(Some(uid));
        if removed {
            fsync(d)?;
        }
        Ok(removed)
    }

    fn exists(&self, uid: u32) -> Result<bool> {
        let Some(d) = self.existing_dir()? else { return Ok(false) };
        match lstatat(d, &c_file_name(uid)) {
            Ok(_) => Ok(true),
            Err(libc::ENOENT) => Ok(false),
            Err(_) => Err(Error::StorageFailure),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    fn temp_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("rustpsa-ut-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn create_get_remove_and_mode() {
        let d = temp_dir("crud");
        let its = FileIts::new(&d);
        assert_eq!(its.get(5).unwrap(), None);
        its.create(5, b"hello").unwrap();
        assert_eq!(its.create(5, b"again").unwrap_err(), Error::AlreadyExists);
        assert_eq!(&its.get(5).unwrap().unwrap()[..], b"hello");
        let mode = fs::metadata(its.path_of(5)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dmode = fs::metadata(&d).unwrap().permissions().mode() & 0o777;
        assert_eq!(dmode & 0o077, 0);
        assert!(its.exists(5).unwrap());
        assert!(its.remove(5).unwrap());
        assert!(!its.remove(5).unwrap());
        assert!(!its.exists(5).unwrap());
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(&d).unwrap().count(), 0);
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn named_fallback_links_and_leaves_nothing() {
        let d = temp_dir("named");
        let its = FileIts::new(&d);
        let fd = its.dir_for_writing().unwrap();
        let name = c_file_name(9);
        assert!(matches!(its.create_named(fd, 9, &name, b"one").unwrap(), Linked::Yes(_)));
        assert!(matches!(its.create_named(fd, 9, &name, b"two").unwrap(), Linked::Exists));
        assert_eq!(&its.get(9).unwrap().unwrap()[..], b"one");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1);
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn failed_directory_sync_after_link_removes_the_key() {
        let d = temp_dir("dirsync");
        let its = FileIts::new(&d);
        FAIL_DIR_SYNC.with(|f| f.set(true));
        assert_eq!(its.create(3, b"rec").unwrap_err(), Error::StorageFailure);
        // Nothing was created: the id is free, no file remains.
        assert!(!its.exists(3).unwrap());
        assert_eq!(fs::read_dir(&d).unwrap().count(), 0);
        its.create(3, b"rec").unwrap();
        assert_eq!(&its.get(3).unwrap().unwrap()[..], b"rec");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn temp_names() {
        assert!(is_temp_name(b".key-0000000a.0123456789abcdef0123456789abcdef.tmp", Some(10)));
        assert!(is_locked_scheme(b".key-0000000a.0123456789abcdef0123456789abcdef.tmp"));
        assert!(is_temp_name(b".key-0000000a.77.0.tmp", None));
        assert!(!is_locked_scheme(b".key-0000000a.77.0.tmp"));
        assert!(!is_temp_name(b".key-0000000a.77.0.tmp", Some(11)));
        assert!(!is_temp_name(b"key-0000000a.psa", None));
        assert!(!is_temp_name(b".key-0000000a.tmp", None));
    }

    #[test]
    fn sweep_spares_a_locked_file_and_wipes_a_stale_one() {
        let d = temp_dir("sweep");
        let its = FileIts::new(&d);
        its.dir_for_writing().unwrap();
        let live = d.join(".key-00000001.0123456789abcdef0123456789abcdef.tmp");
        let stale = d.join(".key-00000001.fedcba9876543210fedcba9876543210.tmp");
        fs::write(&live, b"live").unwrap();
        fs::write(&stale, b"stale").unwrap();
        let holder = File::open(&live).unwrap();
        assert_eq!(unsafe { libc::flock(holder.as_raw_fd(), libc::LOCK_EX) }, 0);
        // Open the stale one to see that its content was wiped, not just unlinked.
        let peek = File::open(&stale).unwrap();
        its.sweep(Some(1));
        assert!(live.exists());
        assert!(!stale.exists());
        let mut got = Vec::new();
        (&peek).read_to_end(&mut got).unwrap();
        assert_eq!(got, vec![0u8; 5]);
        drop(holder);
        its.sweep(None);
        assert!(!live.exists());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn concurrent_creators_exactly_one_wins() {
        let d = temp_dir("race");
        let its = std::sync::Arc::new(FileIts::new(&d));
        let wins: usize = (0..8)
            .map(|i| {
                let its = its.clone();
                std::thread::spawn(move || its.create(1, &[i as u8]).is_ok() as usize)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum();
        assert_eq!(wins, 1);
        fs::remove_dir_all(&d).unwrap();
    }
}
