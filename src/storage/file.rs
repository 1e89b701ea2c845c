//! One file per key in a directory.
//!
//! A record is written to a unique temporary file (mode 0600, `O_EXCL`), synced,
//! then linked to its final name with `link(2)`, which fails when the name exists:
//! creation is atomic and never overwrites a key, even between processes. The
//! directory is synced after the link and after a removal.
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use zeroize::Zeroizing;

use super::Its;
use crate::types::{Error, Result};

/// Key files under one directory.
pub struct FileIts {
    dir: PathBuf,
    /// Distinguishes temporary files created by this process.
    counter: AtomicU64,
}

fn io_error(e: std::io::Error) -> Error {
    match e.kind() {
        ErrorKind::StorageFull => Error::InsufficientStorage,
        _ => Error::StorageFailure,
    }
}

impl FileIts {
    /// A backend rooted at `dir` (created with mode 0700 on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        FileIts { dir: dir.into(), counter: AtomicU64::new(0) }
    }

    /// The directory holding the key files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file name of the record `uid`.
    pub fn path_of(&self, uid: u32) -> PathBuf {
        self.dir.join(format!("key-{uid:08x}.psa"))
    }

    fn sync_dir(&self) -> Result<()> {
        File::open(&self.dir).and_then(|d| d.sync_all()).map_err(io_error)
    }
}

impl Its for FileIts {
    fn get(&self, uid: u32) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let mut f = match File::open(self.path_of(uid)) {
            Ok(f) => f,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error(e)),
        };
        let mut buf = Zeroizing::new(Vec::new());
        f.read_to_end(&mut buf).map_err(io_error)?;
        Ok(Some(buf))
    }

    fn create(&self, uid: u32, data: &[u8]) -> Result<()> {
        fs::DirBuilder::new().recursive(true).mode(0o700).create(&self.dir).map_err(io_error)?;
        let tmp = self.dir.join(format!(
            ".key-{uid:08x}.{}.{}.tmp",
            std::process::id(),
            self.counter.fetch_add(1, Ordering::Relaxed)
        ));
        let written = (|| {
            let mut f = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp)?;
            f.write_all(data)?;
            f.sync_all()
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(io_error(e));
        }
        let linked = fs::hard_link(&tmp, self.path_of(uid));
        let _ = fs::remove_file(&tmp);
        match linked {
            Ok(()) => self.sync_dir(),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(Error::AlreadyExists),
            Err(e) => Err(io_error(e)),
        }
    }

    fn remove(&self, uid: u32) -> Result<bool> {
        match fs::remove_file(self.path_of(uid)) {
            Ok(()) => self.sync_dir().map(|()| true),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io_error(e)),
        }
    }

    fn exists(&self, uid: u32) -> Result<bool> {
        match fs::metadata(self.path_of(uid)) {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io_error(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(its.exists(5).unwrap());
        assert!(its.remove(5).unwrap());
        assert!(!its.remove(5).unwrap());
        assert!(!its.exists(5).unwrap());
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(&d).unwrap().count(), 0);
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
