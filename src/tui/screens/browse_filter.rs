//! Which reflections Browse lists: filters by area, context and date, and a search across
//! everything written in a reflection. Pure functions of the pack, the workbook and the day.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use ratatui::text::{Line, Span};

use super::{State, cell, listed};
use crate::content::Pack;
use crate::export::text::{area_title, context_label};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::workbook::{Reflection, Workbook};

/// A window of time, counted back from today, that a reflection was started in.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    #[default]
    AllTime,
    Last30Days,
    Last12Months,
    ThisYear,
}

impl Period {
    /// The next window, for the `d` key: all time → 30 days → 12 months → this year → all time.
    pub fn next(self) -> Self {
        match self {
            Period::AllTime => Period::Last30Days,
            Period::Last30Days => Period::Last12Months,
            Period::Last12Months => Period::ThisYear,
            Period::ThisYear => Period::AllTime,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::AllTime => "all time",
            Period::Last30Days => "last 30 days",
            Period::Last12Months => "last 12 months",
            Period::ThisYear => "this year",
        }
    }

    /// The first day in the window, or `None` for all time.
    pub fn start(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::AllTime => None,
            Period::Last30Days => today.checked_sub_days(Days::new(30)),
            Period::Last12Months => today.checked_sub_months(Months::new(12)),
            Period::ThisYear => today.with_ordinal(1),
        }
    }

    pub fn contains(self, today: NaiveDate, day: NaiveDate) -> bool {
        self.start(today).is_none_or(|start| day >= start)
    }
}

/// The next of `ids` after `current`, then none again: how `a` and `c` cycle.
pub fn cycle(current: Option<&str>, ids: &[&str]) -> Option<String> {
    let next = match current {
        None => ids.first(),
        Some(current) => match ids.iter().position(|id| *id == current) {
            Some(position) => ids.get(position + 1),
            None => None,
        },
    };
    next.map(|id| (*id).to_string())
}

/// Changes the filters for the `a`, `c`, `d` and `x` keys; `false` for any other action.
/// The reflection that was selected stays selected if it is still listed.
pub fn apply(app: &App, state: &mut State, action: Action, selected: Option<usize>) -> bool {
    match action {
        Action::FilterArea => {
            let ids: Vec<&str> = app.pack.areas.iter().map(|a| a.id.as_str()).collect();
            state.area = cycle(state.area.as_deref(), &ids);
        }
        Action::FilterContext => {
            let ids: Vec<&str> = app.pack.contexts.iter().map(|c| c.id.as_str()).collect();
            state.context = cycle(state.context.as_deref(), &ids);
        }
        Action::FilterDate => state.period = state.period.next(),
        Action::ClearFilters => *state = State::default(),
        _ => return false,
    }
    let found = listed(app, state);
    state.selected = selected
        .and_then(|index| found.iter().position(|&i| i == index))
        .unwrap_or(0);
    true
}

/// What to say when nothing is listed.
pub fn empty_hint(app: &App, state: &State) -> &'static str {
    if app.workbook.reflections.is_empty() {
        "No reflections yet: press Esc, then n to start one."
    } else if any(state) {
        "No reflection matches these filters. Press x to clear them all, or change them with a, c, d and /."
    } else {
        "Nothing to show."
    }
}

/// The header: "N of M reflections", then the four filters in two columns with their keys.
pub fn header(
    app: &App,
    state: &State,
    shown: usize,
    width: u16,
) -> (Line<'static>, Vec<Line<'static>>) {
    let theme = &app.theme;
    let total = app.workbook.reflections.len();
    let noun = if total == 1 {
        "reflection"
    } else {
        "reflections"
    };
    let mut head = vec![Span::styled(
        format!(" {shown} of {total} {noun}, newest first"),
        theme.title,
    )];
    if any(state) {
        head.push(Span::styled("  ·  ", theme.dim));
        head.push(Span::styled("x", theme.key));
        head.push(Span::raw(" clears all filters"));
    }
    let half = (width as usize).saturating_sub(1) / 2;
    let lines = describe(&app.pack, state)
        .chunks(2)
        .map(|pair| {
            let mut spans = vec![Span::raw(" ")];
            for (key, name, value, active) in pair {
                let label = format!(" {name}: ");
                let room = half.saturating_sub(label.chars().count() + 3);
                let style = if *active { theme.title } else { theme.dim };
                spans.push(Span::styled(key.to_string(), theme.key));
                spans.push(Span::raw(label));
                spans.push(Span::styled(cell(value, room), style));
                spans.push(Span::raw("  "));
            }
            Line::from(spans)
        })
        .collect();
    (Line::from(head), lines)
}

/// Whether any filter or the search is on.
pub fn any(state: &State) -> bool {
    state.area.is_some()
        || state.context.is_some()
        || state.period != Period::AllTime
        || !state.search.trim().is_empty()
}

/// The filters in words, for the header: the key, the name, the value and whether it is on.
pub fn describe(pack: &Pack, state: &State) -> [(char, &'static str, String, bool); 4] {
    let search = state.search.trim();
    [
        match &state.area {
            Some(id) => ('a', "Area", area_title(pack, id), true),
            None => ('a', "Area", "any".into(), false),
        },
        match &state.context {
            Some(id) => ('c', "Context", context_label(pack, id), true),
            None => ('c', "Context", "any".into(), false),
        },
        (
            'd',
            "Date",
            state.period.label().into(),
            state.period != Period::AllTime,
        ),
        if search.is_empty() {
            ('/', "Search", "none".into(), false)
        } else {
            ('/', "Search", format!("“{search}”"), true)
        },
    ]
}

/// Indices into the workbook's reflections that pass every filter, newest first.
pub fn matching(pack: &Pack, workbook: &Workbook, today: NaiveDate, state: &State) -> Vec<usize> {
    let words: Vec<String> = state
        .search
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut actions: HashMap<&str, Vec<&str>> = HashMap::new();
    if !words.is_empty() {
        for action in &workbook.actions {
            if let Some(reflection) = &action.reflection {
                actions
                    .entry(reflection.as_str())
                    .or_default()
                    .push(&action.text);
            }
        }
    }
    // The one newest-first order of the workbook, filtered.
    workbook
        .newest_first_indices()
        .into_iter()
        .filter(|&index| {
            let r = &workbook.reflections[index];
            state
                .area
                .as_ref()
                .is_none_or(|area| r.focus.area_ids(pack).contains(&area.as_str()))
                && state.context.as_ref().is_none_or(|c| &r.context == c)
                && state.period.contains(today, r.created.date_naive())
                && (words.is_empty() || {
                    let own = actions.get(r.id.as_str()).map_or(&[][..], Vec::as_slice);
                    let text = searchable(r, own);
                    words.iter().all(|word| text.contains(word.as_str()))
                })
        })
        .collect()
}

/// Everything written in a reflection and its actions, in lower case, one piece a line.
fn searchable(r: &Reflection, actions: &[&str]) -> String {
    let pieces = std::iter::once(r.title.as_str())
        .chain(r.answers.values().map(String::as_str))
        .chain(
            r.prompts
                .values()
                .flat_map(|p| p.values().map(String::as_str)),
        )
        .chain(r.own_activities.iter().map(|a| a.text.as_str()))
        .chain(r.cpd.method.as_deref())
        .chain(actions.iter().copied());
    pieces.collect::<Vec<_>>().join("\n").to_lowercase()
}

#[cfg(test)]
#[path = "tests/browse_filter.rs"]
mod tests;
