//! `wheelbook import`, `backup` and `restore`: moving whole workbooks in and out.

use std::path::Path;
use std::process::ExitCode;

use super::EXIT_INVALID;
use super::output::{count, eprint_lines, print, warn_all};
use crate::workbook::store::{self, LoadError, Location, Store, StoreError};
use crate::workbook::{SCHEMA_VERSION, Workbook, merge, merge::Counts, now};

/// Reads a workbook file named on the command line. `Err(code)` once the problem is reported.
fn read_named_file(path: &Path, what: &str) -> anyhow::Result<Result<Workbook, ExitCode>> {
    let problem = match store::read_workbook_file(path) {
        Ok(Ok(workbook)) => return Ok(Ok(workbook)),
        Ok(Err(LoadError::Damaged(damage))) => {
            format!(
                "{}: is not a wheelbook workbook that can be {what}: {damage}",
                path.display()
            )
        }
        Ok(Err(LoadError::Newer { found })) => format!(
            "{}: was written by a newer wheelbook (workbook format {found}; this wheelbook reads format {SCHEMA_VERSION}). Install the newer wheelbook to use it",
            path.display()
        ),
        Err(error @ (StoreError::Read { .. } | StoreError::Symlink { .. })) => error.to_string(),
        Err(error) => return Err(error.into()),
    };
    eprint_lines(&format!("wheelbook: {problem}. Nothing was changed."));
    Ok(Err(ExitCode::from(EXIT_INVALID)))
}

pub fn import(location: Location, file: &Path) -> anyhow::Result<ExitCode> {
    let incoming = match read_named_file(file, "imported")? {
        Ok(workbook) => workbook,
        Err(code) => return Ok(code),
    };
    let mut store = Store::lock(location)?;
    warn_all(store.warnings());
    let mut workbook = store.load()?;
    let report = merge::merge(&mut workbook, incoming);
    let path = store.location().workbook_path();
    let mut message = format!(
        "Imported {}: reflections {}; actions {}.\n",
        file.display(),
        describe(report.reflections),
        describe(report.actions)
    );
    if report.changed() {
        workbook.updated = now();
        warn_all(&store.save(&workbook)?);
        message.push_str(&format!("Saved {}.\n", path.display()));
    } else {
        message.push_str(&format!("Nothing new: {} is unchanged.\n", path.display()));
    }
    print(&message)?;
    Ok(ExitCode::SUCCESS)
}

fn describe(counts: Counts) -> String {
    format!(
        "{} new, {} updated, {} already up to date",
        counts.added, counts.updated, counts.kept
    )
}

pub fn backup(location: Location, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    // Saves replace the workbook in one rename, so reading it gives a consistent copy
    // without taking the lock: a backup works while wheelbook is open elsewhere.
    let read = store::read(&location)?;
    warn_all(&read.warnings);
    let Some(workbook) = read.workbook else {
        anyhow::bail!(
            "there is no workbook at {} yet, so there is nothing to back up",
            location.workbook_path().display()
        );
    };
    let target = match output {
        Some(path) => path.to_path_buf(),
        None => store::manual_backup_path(&location),
    };
    store::write_new_file(&workbook, &target)?;
    print(&format!(
        "Backed up {} and {} to {}\n",
        count(workbook.reflections.len(), "reflection", "reflections"),
        count(workbook.actions.len(), "action", "actions"),
        target.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn restore(location: Location, file: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut store = Store::lock(location)?;
    warn_all(store.warnings());
    let path = store.location().workbook_path();
    let set_aside = match store.load() {
        Ok(_) => None,
        Err(StoreError::Damaged(damaged)) => damaged.moved_to,
        Err(error) => return Err(error.into()),
    };
    let from = match file {
        Some(file) => file.to_path_buf(),
        None => match store.newest_good_backup() {
            Some(good) => good.backup.path,
            None => {
                let mut message =
                    format!("there is no good backup of {} to restore.", path.display());
                if let Some(moved) = &set_aside {
                    message.push_str(&format!(
                        " The unreadable workbook was moved, unchanged, to {}; wheelbook will start a new, empty workbook in its place.",
                        moved.display()
                    ));
                }
                eprint_lines(&format!("wheelbook: {message}"));
                return Ok(ExitCode::FAILURE);
            }
        },
    };
    let restored = match read_named_file(&from, "restored")? {
        Ok(workbook) => workbook,
        Err(code) => return Ok(code),
    };
    warn_all(&store.save(&restored)?);
    let mut message = format!(
        "Restored {} from {} ({}).\n",
        path.display(),
        from.display(),
        count(restored.reflections.len(), "reflection", "reflections")
    );
    match set_aside {
        Some(moved) => message.push_str(&format!(
            "The unreadable workbook is kept, unchanged, at {}.\n",
            moved.display()
        )),
        None => message.push_str(&format!(
            "The version it replaced is kept in {}.\n",
            store.location().backups_dir().display()
        )),
    }
    print(&message)?;
    Ok(ExitCode::SUCCESS)
}
