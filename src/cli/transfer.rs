//! `wheelbook import`, `backup` and `restore`: moving whole workbooks in and out.

use std::path::Path;
use std::process::ExitCode;

use super::BadInput;
use super::output::{count, print, warn_all};
use crate::workbook::store::{self, Current, Location, Store, StoreError};
use crate::workbook::{Workbook, merge, merge::Counts, now};

/// Reads a workbook file named on the command line; any problem with it is bad input.
fn read_named_file(path: &Path) -> anyhow::Result<Workbook> {
    store::read_workbook_file(path)
        .map_err(|error| BadInput(format!("{error}. Nothing was changed")).into())
}

pub fn import(location: Location, file: &Path) -> anyhow::Result<ExitCode> {
    let incoming = read_named_file(file)?;
    if let Some((id, hours)) = incoming.implausible_hours().first() {
        return Err(BadInput(format!(
            "{}: reflection {id} has {hours} CPD hours, which cannot be right (0 to {} are allowed). Correct the file, then import again. Nothing was changed",
            file.display(),
            crate::workbook::MAX_CPD_HOURS
        ))
        .into());
    }
    let mut store = Store::lock(location)?;
    let mut workbook = store.load()?;
    warn_all(store.warnings());
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
        return Err(super::no_workbook(&location, "to back up"));
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

/// Puts back a backup (or, with `fresh`, an empty workbook). A workbook that reads fine is
/// only replaced with `yes`, and is first kept as a manual backup, which is never pruned.
pub fn restore(
    location: Location,
    file: Option<&Path>,
    fresh: bool,
    yes: bool,
) -> anyhow::Result<ExitCode> {
    let mut store = Store::lock(location)?;
    let path = store.location().workbook_path();
    let current = store.current();
    warn_all(store.warnings());
    let current = match current {
        Ok(current) => current,
        // Moved aside just now: the error said so; carry on restoring.
        Err(StoreError::Damaged(damaged)) => {
            Current::SetAside(damaged.moved_to.unwrap_or_default())
        }
        Err(error) => return Err(error.into()),
    };
    let (restored, from) = if fresh {
        (Workbook::new(now()), "a new, empty workbook".to_string())
    } else {
        let from = match file {
            Some(file) => file.to_path_buf(),
            None => match store.newest_good_backup() {
                Some(good) => good.backup.path,
                None => anyhow::bail!(
                    "there is no good backup of {} to restore. To start a new, empty workbook instead, run: wheelbook restore --fresh",
                    path.display()
                ),
            },
        };
        (read_named_file(&from)?, from.display().to_string())
    };

    let mut message = String::new();
    match &current {
        Current::Good(workbook) => {
            if !yes {
                anyhow::bail!(
                    "{} reads fine ({}), so restoring {from} would replace it. To do it anyway, add --yes: the current version is kept as a manual backup first",
                    path.display(),
                    count(workbook.reflections.len(), "reflection", "reflections")
                );
            }
            let kept = store::manual_backup_path(store.location());
            store::write_new_file(workbook, &kept)?;
            message.push_str(&format!(
                "The version it replaced is kept at {}.\n",
                kept.display()
            ));
        }
        Current::SetAside(set_aside) => message.push_str(&format!(
            "The unreadable workbook is kept, unchanged, at {}.\n",
            set_aside.display()
        )),
        Current::Missing => {}
    }
    warn_all(&store.save(&restored)?);
    print(&format!(
        "Restored {} from {from} ({}).\n{message}",
        path.display(),
        count(restored.reflections.len(), "reflection", "reflections")
    ))?;
    Ok(ExitCode::SUCCESS)
}
