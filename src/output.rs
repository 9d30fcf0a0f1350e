//! Writing output files safely: atomically, without following a half-written
//! file into place, and without damaging what `-o` names (issue 17).
//!
//! - The target is resolved through symbolic links, so a link stays a link
//!   and its target gets the graph.
//! - A regular file is replaced by a temporary file written beside it (made
//!   with `tempfile`, named `.NAME.XXXXXX.newsgraph-tmp`) and renamed over
//!   it, with the old file's permission mode; a read-only file is refused.
//! - A character device or a FIFO (`/dev/null`, `/dev/stdout`, a pipe) is
//!   written into, never replaced; anything else that is not a regular file
//!   (a directory, a socket, a block device) is refused.
//! - A temporary file is locked while it is written. One left by a run that
//!   was killed (`kill -9`) is unlocked, and the next write of the same
//!   target removes it.
//! - A directory of files (CSV) is written whole into a temporary directory,
//!   then put in place of the old one, so the files are never a mix of two
//!   runs.

use crate::error::{Error, OutputProblem, Result};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The suffix of temporary files and directories.
const TMP_SUFFIX: &str = ".newsgraph-tmp";
/// The suffix of an old output directory set aside while a new one is put in place.
const OLD_SUFFIX: &str = ".newsgraph-old";
/// The lock file inside a temporary directory.
const DIR_LOCK: &str = ".newsgraph-lock";
/// A temporary file unlocked and untouched for this long belongs to a dead run.
const STALE_AFTER: Duration = Duration::from_secs(10);

/// What an output path turned out to be.
#[derive(Debug)]
enum Target {
    /// A regular file (its metadata when it exists), or a new one.
    File(PathBuf, Option<std::fs::Metadata>),
    /// A character device or a FIFO: written into.
    Stream(PathBuf),
}

/// Follows `path` through symbolic links (even dangling ones: the graph is
/// then written where the link points).
fn resolve(path: &Path) -> Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p).map_err(|e| Error::io(&p, e))?;
                p = if to.is_absolute() {
                    to
                } else {
                    p.parent().unwrap_or(Path::new("")).join(to)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(Error::output(path, OutputProblem::SymlinkLoop))
}

fn target(path: &Path) -> Result<Target> {
    let real = resolve(path)?;
    let meta = match std::fs::metadata(&real) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::File(real, None)),
        Err(e) => return Err(Error::io(path, e)),
    };
    let ft = meta.file_type();
    if ft.is_file() {
        if meta.permissions().readonly() {
            return Err(Error::output(path, OutputProblem::ReadOnly));
        }
        return Ok(Target::File(real, Some(meta)));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_char_device() || ft.is_fifo() {
            return Ok(Target::Stream(real));
        }
    }
    let problem = if ft.is_dir() {
        OutputProblem::IsADirectory
    } else {
        OutputProblem::NotARegularFile
    };
    Err(Error::output(path, problem))
}

/// The directory a path is in ("." for a bare name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "graph".into())
}

/// Is the file at `path` unlocked (no live run holds it)?
fn unlocked(path: &Path) -> bool {
    File::open(path).is_ok_and(|f| f.try_lock().is_ok())
}

fn old_enough(meta: &std::fs::Metadata) -> bool {
    meta.modified()
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .is_some_and(|age| age >= STALE_AFTER)
}

/// Removes what a killed run left beside `target`: temporary files and
/// directories no live run holds, and an old directory set aside (put back
/// when the new one never took its place).
fn clean_stale(target: &Path) {
    let dir = parent(target);
    let prefix = format!(".{}.", file_name(target));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(&prefix) {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if name.ends_with(TMP_SUFFIX) {
            if !old_enough(&meta) {
                continue;
            }
            if meta.is_dir() {
                let lock = path.join(DIR_LOCK);
                if !lock.exists() || unlocked(&lock) {
                    let _ = std::fs::remove_dir_all(&path);
                }
            } else if meta.is_file() && unlocked(&path) {
                let _ = std::fs::remove_file(&path);
            }
        } else if name.ends_with(OLD_SUFFIX) && meta.is_dir() && old_enough(&meta) {
            if target.exists() {
                let _ = std::fs::remove_dir_all(&path);
            } else {
                let _ = std::fs::rename(&path, target);
            }
        }
    }
}

/// Writes `contents` to `path` atomically: into a temporary file in the same
/// directory, then renamed over the target, so an interrupted run never
/// leaves a half-written file. See the module documentation for links,
/// devices, permissions and what a killed run leaves.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let (real, existing) = match target(path)? {
        Target::Stream(real) => {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .open(&real)
                .map_err(|e| Error::io(path, e))?;
            return f
                .write_all(contents)
                .and_then(|_| f.flush())
                .map_err(|e| Error::io(path, e));
        }
        Target::File(real, existing) => (real, existing),
    };
    clean_stale(&real);
    let dir = parent(&real);
    let prefix = format!(".{}.", file_name(&real));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TMP_SUFFIX);
    #[cfg(unix)]
    let new_mode = {
        use std::os::unix::fs::PermissionsExt;
        // as File::create makes a file: 0666 less the umask
        std::fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    builder.permissions(new_mode);
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
    // locked while it is written: a file like it that is not locked was
    // left by a killed run (clean_stale)
    let _ = tmp.as_file().try_lock();
    let result = (|| {
        tmp.write_all(contents)?;
        if let Some(m) = &existing {
            tmp.as_file().set_permissions(m.permissions())?;
        }
        tmp.as_file().sync_all()
    })();
    result.map_err(|e| Error::io(path, e))?;
    tmp.persist(&real).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Writes a directory of `files` (name, contents) at `path` as a set: into a
/// temporary directory beside it, which then takes the place of the old
/// directory. A directory holding anything but the files newsgraph writes
/// there (`names`) is refused rather than replaced.
pub fn write_dir_atomic(path: &Path, files: &[(&str, String)]) -> Result<()> {
    let real = resolve(path)?;
    if let Ok(meta) = std::fs::metadata(&real) {
        if !meta.is_dir() {
            return Err(Error::output(path, OutputProblem::NotADirectory));
        }
        let mut foreign = Vec::new();
        for entry in std::fs::read_dir(&real).map_err(|e| Error::io(path, e))? {
            let entry = entry.map_err(|e| Error::io(path, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !files.iter().any(|(n, _)| *n == name) {
                foreign.push(name);
            }
        }
        if !foreign.is_empty() {
            foreign.sort();
            return Err(Error::output(path, OutputProblem::ForeignFiles(foreign)));
        }
    }
    clean_stale(&real);
    let dir = parent(&real);
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let prefix = format!(".{}.", file_name(&real));
    let tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TMP_SUFFIX)
        .tempdir_in(dir)
        .map_err(|e| Error::io(path, e))?;
    let lock_path = tmp.path().join(DIR_LOCK);
    let lock = File::create(&lock_path).map_err(|e| Error::io(&lock_path, e))?;
    let _ = lock.try_lock();
    for (name, contents) in files {
        let p = tmp.path().join(name);
        let written = (|| {
            let mut f = File::create(&p)?;
            f.write_all(contents.as_bytes())?;
            f.sync_all()
        })();
        written.map_err(|e| Error::io(&p, e))?;
    }
    std::fs::remove_file(&lock_path).map_err(|e| Error::io(&lock_path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // tempdir makes 0700; an output directory is made as mkdir would
        let mode = std::fs::metadata(&real)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o755));
        std::fs::set_permissions(tmp.path(), mode).map_err(|e| Error::io(path, e))?;
    }
    let new = tmp.keep();
    if real.exists() {
        // set the old set aside, put the new one in its place, drop the old
        let old = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(OLD_SUFFIX)
            .tempdir_in(dir)
            .map_err(|e| Error::io(path, e))?
            .keep();
        let moved = std::fs::rename(&real, &old).and_then(|_| std::fs::rename(&new, &real));
        if let Err(e) = moved {
            if !real.exists() {
                let _ = std::fs::rename(&old, &real);
            }
            let _ = std::fs::remove_dir_all(&new);
            return Err(Error::io(path, e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else if let Err(e) = std::fs::rename(&new, &real) {
        let _ = std::fs::remove_dir_all(&new);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// An exclusive lock on a graph file, held while a run reads it, adds to it
/// and writes it back (`build --into`), so that two such runs take turns
/// instead of one losing the other's articles. It is a lock file beside the
/// graph (`.NAME.newsgraph-lock`), released when this is dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Takes the lock on the graph at `path`; `waiting` is called once when
/// another run holds it and this one has to wait.
pub fn lock(path: &Path, waiting: impl FnOnce()) -> Result<Lock> {
    let real = resolve(path)?;
    let lock_path = parent(&real).join(format!(".{}.newsgraph-lock", file_name(&real)));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            file.lock().map_err(|e| Error::io(&lock_path, e))?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&lock_path, e)),
    }
    Ok(Lock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temporary_files_are_removed_and_live_ones_kept() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("g.ron");
        let stale = d.path().join(".g.ron.abc123.newsgraph-tmp");
        let live = d.path().join(".g.ron.def456.newsgraph-tmp");
        let other = d.path().join(".h.ron.abc123.newsgraph-tmp");
        for p in [&stale, &live, &other] {
            std::fs::write(p, "half a graph").unwrap();
            let old = SystemTime::now() - Duration::from_secs(60);
            File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
        let holder = File::open(&live).unwrap();
        holder.lock().unwrap();
        write_atomic(&target, b"graph").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"graph");
        assert!(!stale.exists(), "a dead run's file is removed");
        assert!(live.exists(), "a live run's file is kept");
        assert!(other.exists(), "another target's file is not touched");
    }

    #[test]
    fn a_directory_write_that_fails_half_way_leaves_the_old_set_whole() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("csv");
        let old = [
            ("nodes.csv", "old nodes".to_string()),
            ("relationships.csv", "old relationships".to_string()),
        ];
        write_dir_atomic(&out, &old).unwrap();
        // the third file cannot be made (its folder does not exist)
        let new = [
            ("nodes.csv", "new nodes".to_string()),
            ("relationships.csv", "new relationships".to_string()),
            ("missing/types.csv", "x".to_string()),
        ];
        assert!(write_dir_atomic(&out, &new).is_err());
        for (name, text) in &old {
            assert_eq!(&std::fs::read_to_string(out.join(name)).unwrap(), text);
        }
        let left: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["csv"], "no temporary directory left");
        // and a write that succeeds replaces the set
        write_dir_atomic(&out, &new[..2]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("nodes.csv")).unwrap(),
            "new nodes"
        );
    }
}
