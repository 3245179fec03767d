//! A reflection as readable plain text (`wheelbook show`, and reading in the terminal UI).
//! Anything the pack in use no longer defines is still shown, marked "from an older pack".

use std::fmt::Write as _;

use crate::content::{Area, Pack};
use crate::workbook::{Focus, Reflection, Status, Workbook};

const OLDER_PACK: &str = "from an older pack";

pub fn context_label(pack: &Pack, id: &str) -> String {
    pack.context(id)
        .map_or_else(|| format!("{id} ({OLDER_PACK})"), |c| c.label.clone())
}

pub fn area_title(pack: &Pack, id: &str) -> String {
    pack.area(id)
        .map_or_else(|| format!("{id} ({OLDER_PACK})"), |a| a.title.clone())
}

pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Draft => "draft",
        Status::Complete => "complete",
    }
}

/// "Whole wheel", or the titles of the areas in focus.
pub fn focus_summary(pack: &Pack, focus: &Focus) -> String {
    match focus {
        Focus::WholeWheel => "Whole wheel".to_string(),
        Focus::Areas(ids) => ids
            .iter()
            .map(|id| area_title(pack, id))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

pub fn render(pack: &Pack, workbook: &Workbook, reflection: &Reflection) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_reflection(&mut out, pack, workbook, reflection);
    out
}

fn write_reflection(
    out: &mut String,
    pack: &Pack,
    workbook: &Workbook,
    r: &Reflection,
) -> std::fmt::Result {
    let title = if r.title.is_empty() {
        "(untitled reflection)"
    } else {
        &r.title
    };
    writeln!(out, "{title}")?;
    writeln!(
        out,
        "{}  ·  {}  ·  created {}  ·  updated {}",
        r.id,
        status_word(r.status),
        r.created.format("%Y-%m-%d %H:%M"),
        r.updated.format("%Y-%m-%d %H:%M")
    )?;
    writeln!(out, "Context: {}", context_label(pack, &r.context))?;
    writeln!(out, "Focus:   {}", focus_summary(pack, &r.focus))?;
    writeln!(out, "Pack:    {} {}", r.pack.id, r.pack.version)?;
    write_cpd(out, r)?;

    let in_focus = r.focus.area_ids(pack);
    for area in pack
        .areas
        .iter()
        .filter(|a| in_focus.contains(&a.id.as_str()) || has_data(r, a))
    {
        write_area(out, pack, workbook, r, area)?;
    }
    write_orphans(out, pack, r)?;

    let actions: Vec<_> = workbook
        .actions
        .iter()
        .filter(|a| a.reflection.as_deref() == Some(r.id.as_str()))
        .collect();
    if !actions.is_empty() {
        writeln!(out, "\nDevelopment actions")?;
        for action in actions {
            let status = action.status.word();
            let due = action.due.map(|d| format!(", due {d}")).unwrap_or_default();
            writeln!(
                out,
                "  - {} [{}; {status}{due}]",
                action.text,
                area_title(pack, &action.area)
            )?;
        }
    }
    Ok(())
}

fn write_cpd(out: &mut String, r: &Reflection) -> std::fmt::Result {
    let cpd = &r.cpd;
    let mut parts = Vec::new();
    if let Some(date) = cpd.activity_date {
        parts.push(format!("activity on {date}"));
    }
    if let Some(hours) = cpd.hours {
        parts.push(format!("{hours} hours"));
    }
    if let Some(participatory) = cpd.participatory {
        parts.push(
            if participatory {
                "participatory"
            } else {
                "individual"
            }
            .to_string(),
        );
    }
    if let Some(method) = &cpd.method {
        parts.push(method.clone());
    }
    if !parts.is_empty() {
        writeln!(out, "CPD:     {}", parts.join(", "))?;
    }
    Ok(())
}

fn has_data(r: &Reflection, area: &Area) -> bool {
    area.competencies
        .iter()
        .any(|c| r.ratings.contains_key(c.id.as_str()))
        || area
            .questions
            .iter()
            .any(|q| r.answers.contains_key(q.id.as_str()))
        || area
            .activities
            .iter()
            .any(|a| r.ticked_activities.contains(a.id.as_str()))
        || r.own_activities.iter().any(|a| a.area == area.id)
        || r.prompts.contains_key(area.id.as_str())
}

fn write_area(
    out: &mut String,
    pack: &Pack,
    workbook: &Workbook,
    r: &Reflection,
    area: &Area,
) -> std::fmt::Result {
    writeln!(out, "\n== {} ==", area.title)?;
    writeln!(out, "Competencies")?;
    for competency in &area.competencies {
        let badges: String = competency.tags.iter().map(|t| t.badge()).collect();
        let rating = match r.ratings.get(competency.id.as_str()) {
            Some(&value) => match pack.scale_level(value) {
                Some(level) => format!("{value} {}", level.label),
                None => format!("{value} (not on this pack's scale)"),
            },
            None => pack.not_assessed.label.clone(),
        };
        writeln!(out, "  [{badges}] {}\n        {rating}", competency.text)?;
    }
    let answered: Vec<_> = area
        .questions
        .iter()
        .filter(|q| r.answers.contains_key(q.id.as_str()))
        .collect();
    if !answered.is_empty() {
        writeln!(out, "Reflective questions")?;
        for question in answered {
            writeln!(out, "  {}", question.text)?;
            write_indented(
                out,
                r.answers
                    .get(question.id.as_str())
                    .map_or("", String::as_str),
            )?;
        }
    }
    let ticked: Vec<_> = area
        .activities
        .iter()
        .filter(|a| r.ticked_activities.contains(a.id.as_str()))
        .collect();
    let own: Vec<_> = r
        .own_activities
        .iter()
        .filter(|a| a.area == area.id)
        .collect();
    if !ticked.is_empty() || !own.is_empty() {
        writeln!(out, "Activities")?;
        for activity in ticked {
            writeln!(out, "  [x] {}", activity.text)?;
        }
        for activity in own {
            writeln!(out, "  [x] {} (my own)", activity.text)?;
        }
    }
    if let Some(answers) = r.prompts.get(area.id.as_str()) {
        for prompt in &area.prompts {
            if let Some(text) = answers.get(prompt.id.as_str()) {
                writeln!(out, "{}", workbook.worded(pack, &prompt.text))?;
                write_indented(out, text)?;
            }
        }
        for (id, text) in answers
            .iter()
            .filter(|(id, _)| !area.prompts.iter().any(|p| &p.id == *id))
        {
            writeln!(out, "{id} ({OLDER_PACK})")?;
            write_indented(out, text)?;
        }
    }
    Ok(())
}

fn write_orphans(out: &mut String, pack: &Pack, r: &Reflection) -> std::fmt::Result {
    let orphans = r.ids_not_in(pack);
    if orphans.ratings.is_empty()
        && orphans.answers.is_empty()
        && orphans.activities.is_empty()
        && orphans.areas.is_empty()
    {
        return Ok(());
    }
    writeln!(
        out,
        "\n== Kept {OLDER_PACK} (not in {} {}) ==",
        pack.title, pack.version
    )?;
    for id in &orphans.ratings {
        writeln!(
            out,
            "  Rating of {id}: {}",
            r.ratings.get(*id).copied().unwrap_or_default()
        )?;
    }
    for id in &orphans.answers {
        writeln!(out, "  Answer to {id}:")?;
        write_indented(out, r.answers.get(*id).map_or("", String::as_str))?;
    }
    for id in &orphans.activities {
        writeln!(out, "  Ticked activity {id}")?;
    }
    for area in &orphans.areas {
        for activity in r.own_activities.iter().filter(|a| a.area == *area) {
            writeln!(out, "  Own activity in {area}: {}", activity.text)?;
        }
        for (prompt, text) in r.prompts.get(*area).into_iter().flatten() {
            writeln!(out, "  {area} / {prompt}:")?;
            write_indented(out, text)?;
        }
    }
    Ok(())
}

fn write_indented(out: &mut String, text: &str) -> std::fmt::Result {
    for line in text.lines() {
        writeln!(out, "    {line}")?;
    }
    Ok(())
}
