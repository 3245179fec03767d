//! Shared set-up for the end-to-end tests: a temporary data directory, the real binary, and
//! generated workbooks.
#![allow(dead_code)] // Each test file uses a different part.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use wheelbook::content::{Pack, PackSource};
use wheelbook::workbook::Workbook;
use wheelbook::workbook::generate::generate;

#[cfg(unix)]
pub mod tmux;

pub struct DataDir {
    pub temp: tempfile::TempDir,
}

impl DataDir {
    pub fn new() -> Self {
        DataDir {
            temp: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The data directory wheelbook is told to use (not created until wheelbook writes).
    pub fn dir(&self) -> PathBuf {
        self.temp.path().join("data")
    }

    pub fn workbook_path(&self) -> PathBuf {
        self.dir().join("workbook.json")
    }

    /// A file outside the data directory, for imports and exports.
    pub fn outside(&self, name: &str) -> PathBuf {
        self.temp.path().join(name)
    }

    pub fn wheelbook(&self) -> Command {
        let mut command = Command::cargo_bin("wheelbook").expect("binary is built");
        command
            .env_clear()
            .env("WHEELBOOK_DATA_DIR", self.dir())
            .env("TZ", "UTC");
        command
    }

    /// Imports a generated workbook through the binary, as a user would, and returns it.
    /// Standard output of `wheelbook ARGS`, which must succeed.
    pub fn stdout_of(&self, args: &[&str]) -> String {
        let output = self
            .wheelbook()
            .args(args)
            .output()
            .expect("wheelbook runs");
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    }

    pub fn import_generated(&self, reflections: usize, seed: u64) -> Workbook {
        let workbook = generated(reflections, seed);
        let file = self.outside(&format!("generated-{seed}.json"));
        write_json(&file, &workbook);
        self.wheelbook().arg("import").arg(&file).assert().success();
        workbook
    }

    /// [`DataDir::import_generated`] with every reflection complete: as saved, read back.
    pub fn import_complete(&self, reflections: usize, seed: u64) -> Workbook {
        let mut workbook = generated(reflections, seed);
        for reflection in workbook.reflections_mut() {
            reflection.status = wheelbook::workbook::Status::Complete;
        }
        let file = self.outside("fixture.json");
        write_json(&file, &workbook);
        self.wheelbook().arg("import").arg(&file).assert().success();
        self.saved()
    }

    pub fn saved(&self) -> Workbook {
        read_json(&self.workbook_path())
    }
}

pub fn wheel() -> Pack {
    PackSource::BuiltIn.load().expect("built-in pack")
}

pub fn generated(reflections: usize, seed: u64) -> Workbook {
    generate(&wheel(), reflections, seed)
}

pub fn write_json(path: &Path, workbook: &Workbook) {
    fs::write(path, serde_json::to_vec_pretty(workbook).expect("JSON")).expect("write");
}

pub fn read_json(path: &Path) -> Workbook {
    serde_json::from_slice(&fs::read(path).expect("read")).expect("a valid workbook")
}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}
