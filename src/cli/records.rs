//! `wheelbook where`, `list` and `show`: commands that only read.

use std::fmt::Write as _;
use std::mem::ManuallyDrop;
use std::process::ExitCode;

use anyhow::Context as _;

use super::BadInput;
use super::output::{count, print, stdout_width, warn_all, wrapped};
use super::pager::print_paged;
use super::table::table;
use crate::content::{Pack, PackSource};
use crate::export::text::{self as show, focus_summary, push_date, status_word};
use crate::workbook::store::{self, Location, StoreError};
use crate::workbook::{FindError, Workbook};

pub fn where_(location: &Location, pack_source: &PackSource) -> anyhow::Result<ExitCode> {
    let mut out = String::new();
    let _ = writeln!(out, "Data directory:  {}", location.dir().display());
    let path = location.workbook_path();
    let state = match store::read(location) {
        Ok(read) => {
            warn_all(&read.warnings);
            match read.workbook {
                Some(workbook) => format!(
                    "{}, {}; last saved {}",
                    count(workbook.reflections.len(), "reflection", "reflections"),
                    count(workbook.actions.len(), "action", "actions"),
                    workbook.updated.format("%Y-%m-%d %H:%M")
                ),
                None => "not created yet: it is made when you first save".to_string(),
            }
        }
        Err(StoreError::Damaged(damaged)) => format!("cannot be read: {}", damaged.damage),
        Err(error) => format!("cannot be read: {error}"),
    };
    let _ = writeln!(out, "Workbook:        {} ({state})", path.display());

    let backups = store::backups(location);
    let _ = writeln!(
        out,
        "Backups:         {} ({})",
        location.backups_dir().display(),
        count(backups.len(), "backup", "backups")
    );
    for backup in backups.iter().rev() {
        let taken = backup
            .taken
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M:%S");
        let kind = if backup.manual { "  (manual)" } else { "" };
        let _ = writeln!(out, "  {taken}  {}{kind}", backup.path.display());
    }
    for damaged in store::set_aside_files(location) {
        let _ = writeln!(
            out,
            "Set aside:       {} (a workbook that could not be read)",
            damaged.display()
        );
    }

    let pack = match pack_source.load() {
        Ok(pack) => format!("{}, version {}", pack.title, pack.version),
        Err(_) => "invalid: run `wheelbook pack check` to see why".to_string(),
    };
    let _ = writeln!(out, "Content pack:    {} ({pack})", pack_source.origin());
    print(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Loads the pack in use and the workbook (an empty one if none is saved yet).
/// The pack and the workbook, which must exist: `doing` is what would be done with it.
fn open_for_reading(
    location: &Location,
    pack_source: &PackSource,
    doing: &str,
) -> anyhow::Result<(Pack, ManuallyDrop<Workbook>)> {
    let (pack, read) = pack_source.load_alongside(|| store::read(location));
    let (pack, read) = (pack?, read?);
    warn_all(&read.warnings);
    let workbook = read
        .workbook
        .ok_or_else(|| super::no_workbook(location, doing))?;
    Ok((pack, super::kept_to_exit(workbook)))
}

pub fn list(location: &Location, pack_source: &PackSource, json: bool) -> anyhow::Result<ExitCode> {
    let (pack, workbook) = open_for_reading(location, pack_source, "to list")?;
    let reflections = workbook.newest_first();
    if json {
        let rows: Vec<serde_json::Value> = reflections
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "date": r.created.date_naive(),
                    "created": r.created,
                    "updated": r.updated,
                    "title": r.title,
                    "context": r.context,
                    "focus": r.focus,
                    "status": r.status,
                })
            })
            .collect();
        print_paged(&(serde_json::to_string_pretty(&rows)? + "\n"))?;
        return Ok(ExitCode::SUCCESS);
    }
    if reflections.is_empty() {
        print(&format!(
            "No reflections yet in {}.\n",
            location.workbook_path().display()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = ["ID", "DATE", "STATUS", "CONTEXT", "FOCUS", "TITLE"].map(String::from);
    let rows: Vec<[String; 6]> = reflections
        .iter()
        .map(|r| {
            [
                r.id.clone(),
                {
                    // As the export writes dates: chrono's formatting costs several times this.
                    let mut date = String::with_capacity("YYYY-MM-DD".len());
                    push_date(&mut date, r.created.date_naive());
                    date
                },
                status_word(r.status).to_string(),
                show::context_label(&pack, &r.context),
                focus_summary(&pack, &r.focus),
                r.title.clone(),
            ]
        })
        .collect();
    // Context, focus and title give way, so that the id and date stay whole.
    let width = stdout_width();
    // In a narrow terminal the focus, then the context, are left out before the title
    // becomes too short to tell one reflection from another.
    print_paged(&table(&header, &rows, width, &[3, 4, 5], &[4, 3]))?;
    Ok(ExitCode::SUCCESS)
}

pub fn show(
    location: &Location,
    pack_source: &PackSource,
    id: &str,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let (pack, workbook) = open_for_reading(location, pack_source, "to show")?;
    let reflection = match workbook.find_reflection(id) {
        Ok(reflection) => reflection,
        Err(FindError::NotFound) => {
            return Err(BadInput(format!(
                "there is no reflection with the id `{id}` in {}. `wheelbook list` shows the ids",
                location.workbook_path().display()
            ))
            .into());
        }
        Err(FindError::Ambiguous) => {
            return Err(BadInput(format!(
                "more than one reflection has an id starting `{id}`: give more of the id (`wheelbook list` shows them)"
            ))
            .into());
        }
    };
    if json {
        let json = serde_json::to_string_pretty(reflection).context("writing JSON")?;
        print_paged(&(json + "\n"))?;
    } else {
        let text = show::render(&pack, &workbook, reflection);
        match stdout_width() {
            Some(width) => print_paged(&wrapped(&text, width))?,
            None => print(&text)?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
