//! A reflection as readable plain text (`wheelbook show`, and reading in the terminal UI).
//! Anything the pack in use no longer defines is still shown, marked "from an older pack".

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::content::{Area, Pack};
use crate::workbook::{Focus, Reflection, Status, Workbook};

const OLDER_PACK: &str = "from an older pack";

pub fn context_label(pack: &Pack, id: &str) -> String {
    context_label_in(pack, id).into_owned()
}

/// [`context_label`] borrowed from `pack` where it has the context: an export of thousands
/// of reflections names a context for each.
pub fn context_label_in<'p>(pack: &'p Pack, id: &str) -> Cow<'p, str> {
    pack.context(id).map_or_else(
        || Cow::Owned(format!("{id} ({OLDER_PACK})")),
        |c| Cow::Borrowed(c.label.as_str()),
    )
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
    focus_summary_in(pack, focus).into_owned()
}

/// [`focus_summary`] borrowed from `pack` where it can be.
pub fn focus_summary_in<'p>(pack: &'p Pack, focus: &Focus) -> Cow<'p, str> {
    match focus {
        Focus::WholeWheel => Cow::Borrowed("Whole wheel"),
        Focus::Areas(ids) => match ids.as_slice() {
            [only] => match pack.area(only) {
                Some(area) => Cow::Borrowed(area.title.as_str()),
                None => Cow::Owned(area_title(pack, only)),
            },
            _ => Cow::Owned(
                ids.iter()
                    .map(|id| area_title(pack, id))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        },
    }
}

/// `date` written onto the end of `out` as chrono writes it, `YYYY-MM-DD`, by hand for the
/// years of four digits: an export of thousands of reflections writes a date in several of
/// each one's lines, and the formatting machinery costs several times the writing.
pub fn push_date(out: &mut String, date: NaiveDate) {
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let four_digit_year = u32::try_from(date.year()).ok().filter(|year| *year <= 9999);
    let written = four_digit_year.map(|year| {
        let (month, day) = (date.month(), date.day());
        [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ]
    });
    match written.as_ref().map(|bytes| std::str::from_utf8(bytes)) {
        Some(Ok(written)) => out.push_str(written),
        _ => {
            let _ = write!(out, "{date}");
        }
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
                Some(level) => level.numbered().to_string(),
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::content::PackSource;
    use crate::workbook::intern::intern;

    proptest! {
        #[test]
        fn a_date_is_written_as_chrono_writes_it(days in -1_000_000i32..4_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).expect("a date");
            let mut written = String::from("due ");
            push_date(&mut written, date);
            prop_assert_eq!(written, format!("due {date}"));
        }
    }

    #[test]
    fn the_years_at_the_edges_of_four_digits_are_written_as_chrono_writes_them() {
        let edges = [
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 12, 31),
            (2024, 2, 29),
        ];
        for (year, month, day) in edges {
            let date = NaiveDate::from_ymd_opt(year, month, day).expect("a date");
            let mut written = String::new();
            push_date(&mut written, date);
            assert_eq!(written, date.to_string());
        }
    }

    #[test]
    fn focus_and_context_are_worded_from_the_pack_or_marked_as_from_an_older_pack() {
        let pack = PackSource::BuiltIn.load().expect("pack");
        let (first, second) = (&pack.areas[0], &pack.areas[1]);
        let worded = [
            (Focus::WholeWheel, "Whole wheel".to_string()),
            (Focus::Areas(vec![intern(&first.id)]), first.title.clone()),
            (
                Focus::Areas(vec![intern(&first.id), intern(&second.id)]),
                format!("{}; {}", first.title, second.title),
            ),
            (
                Focus::Areas(vec![intern("retired-area")]),
                "retired-area (from an older pack)".to_string(),
            ),
            (Focus::Areas(Vec::new()), String::new()),
        ];
        for (focus, expected) in &worded {
            assert_eq!(focus_summary_in(&pack, focus), *expected);
            assert_eq!(focus_summary(&pack, focus), *expected);
        }
        // Worded as the pack has it, the pack's own copy is lent.
        assert!(matches!(
            focus_summary_in(&pack, &worded[1].0),
            Cow::Borrowed(_)
        ));
        let context = &pack.contexts[0];
        assert_eq!(context_label_in(&pack, &context.id), context.label);
        assert!(matches!(
            context_label_in(&pack, &context.id),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            context_label(&pack, "retired-context"),
            "retired-context (from an older pack)"
        );
    }
}
