//! The served index directory: read-only, without a lock file.

use std::path::Path;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An index directory as the server sees it. A build never writes into a live index (it
/// writes a new directory and swaps it in), so readers need no lock file: the index can sit on
/// a read-only filesystem (containers, systemd `ProtectSystem=strict`), and nothing is written
/// into it while serving.
#[derive(Clone, Debug)]
pub(super) struct ReadOnly(pub(super) MmapDirectory);

impl Directory for ReadOnly {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> Result<std::sync::Arc<dyn tantivy::directory::FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: std::sync::Arc::new(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the served index is read-only",
            )),
            filepath: path.to_path_buf(),
        })
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "the served index is read-only",
            ),
            path.to_path_buf(),
        ))
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the served index is read-only",
        ))
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }
    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }
    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(callback)
    }
}
