//! [`Live`]: the index being served, swapped for a newly built one without dropping a request.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use super::engine::{Engine, OpenError, read_manifest};

/// The index currently served, replaced atomically when a new build appears. Requests clone the
/// `Arc` and keep using the engine they started with, so a swap never fails one.
#[derive(Debug, Clone)]
pub struct Live {
    dir: PathBuf,
    current: Arc<RwLock<Arc<Engine>>>,
}

impl Live {
    pub fn open(dir: &Path) -> Result<Live, OpenError> {
        let engine = Engine::open(dir)?;
        Ok(Live {
            dir: dir.to_path_buf(),
            current: Arc::new(RwLock::new(Arc::new(engine))),
        })
    }

    pub fn engine(&self) -> Arc<Engine> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Opens the index again if its build id changed. On failure the old index keeps serving
    /// and the error is returned for the log. `Ok(true)` means a new index is now live.
    pub fn reload_if_changed(&self) -> Result<bool, OpenError> {
        let manifest = read_manifest(&self.dir)?;
        if manifest.build_id == self.engine().manifest().build_id {
            return Ok(false);
        }
        let engine = Engine::open_with(&self.dir, manifest)?;
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(engine);
        Ok(true)
    }
}
