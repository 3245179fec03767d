//! `wheelbook pack check` and `wheelbook pack show`.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::EXIT_INVALID;
use super::output::{count, eprint_lines, print};
use super::pager::print_paged;
use crate::content::{Pack, PackError, PackSource};

pub fn check(source: &PackSource) -> anyhow::Result<ExitCode> {
    match source.load() {
        Ok(pack) => {
            print(&format!("ok: {}\n", summary(&pack)))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => Ok(report_invalid(&error)),
    }
}

pub fn show(source: &PackSource, json: bool) -> anyhow::Result<ExitCode> {
    let pack = match source.load() {
        Ok(pack) => pack,
        Err(error) => return Ok(report_invalid(&error)),
    };
    if json {
        print_paged(&(serde_json::to_string_pretty(&pack)? + "\n"))?;
    } else {
        print_paged(&render_text(&pack))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn report_invalid(error: &PackError) -> ExitCode {
    eprint_lines(&error.to_string());
    if let PackError::Invalid { problems, .. } = error {
        eprint_lines(&format!(
            "{} found: correct the file and check it again. docs/content-pack.md describes the format.",
            count(problems.len(), "problem", "problems")
        ));
    }
    ExitCode::from(EXIT_INVALID)
}

pub fn summary(pack: &Pack) -> String {
    let counts = pack.counts();
    format!(
        "{}: {}, {}, {}, {}",
        pack.title,
        count(counts.areas, "area", "areas"),
        count(counts.competencies, "competency", "competencies"),
        count(counts.questions, "question", "questions"),
        count(counts.activities, "activity", "activities")
    )
}

fn render_text(pack: &Pack) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_pack(&mut out, pack);
    out
}

fn write_pack(out: &mut String, pack: &Pack) -> std::fmt::Result {
    writeln!(out, "{} (version {})", pack.title, pack.version)?;
    let source = &pack.source;
    write!(out, "Source: {}", source.title)?;
    if let Some(publisher) = &source.publisher {
        write!(out, ", {publisher}")?;
    }
    if let Some(year) = source.year {
        write!(out, ", {year}")?;
    }
    writeln!(out, "\n{}\n\n{}\n", source.attribution, pack.description)?;

    writeln!(out, "Rating scale:")?;
    for level in &pack.scale {
        writeln!(
            out,
            "  {}  {}: {}",
            level.value(),
            level.label(),
            level.description
        )?;
    }
    let na = &pack.not_assessed;
    writeln!(out, "  -  {}: {}\n", na.label, na.description)?;

    writeln!(out, "Contexts:")?;
    for context in &pack.contexts {
        writeln!(out, "  {}: {}", context.label, context.description)?;
    }

    for (number, area) in pack.areas.iter().enumerate() {
        writeln!(out, "\n{}. {}  [{}]", number + 1, area.title, area.id)?;
        writeln!(out, "   Competencies:")?;
        for (index, competency) in area.competencies.iter().enumerate() {
            let badges: Vec<String> = competency
                .tags
                .iter()
                .map(|t| t.badge().to_string())
                .collect();
            writeln!(
                out,
                "   {:>2}. [{}] {}",
                index + 1,
                badges.join(" "),
                competency.text
            )?;
        }
        write_items(
            out,
            "Reflective questions",
            area.questions.iter().map(|q| &q.text),
        )?;
        write_items(
            out,
            "Example activities",
            area.activities.iter().map(|a| &a.text),
        )?;
        write_items(out, "Prompts", area.prompts.iter().map(|p| &p.text))?;
        write_items(out, "Notes on the source text", area.notes.iter())?;
    }
    if !pack.notes.is_empty() {
        writeln!(out)?;
        write_items(out, "Notes", pack.notes.iter())?;
    }
    writeln!(
        out,
        "\nTags: K Knowledge, S Skills, B Behaviour, A Attitude. […] marks text lost from the source."
    )
}

fn write_items<'a>(
    out: &mut String,
    heading: &str,
    items: impl ExactSizeIterator<Item = &'a String>,
) -> std::fmt::Result {
    if items.len() == 0 {
        return Ok(());
    }
    writeln!(out, "   {heading}:")?;
    for item in items {
        writeln!(out, "     - {item}")?;
    }
    Ok(())
}
