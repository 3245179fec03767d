//! Drawing the export screen (its preview: [`preview`]).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Pane, State, fields, is_confirmed, offered, prepare};
use crate::export::select::date_of;
use crate::export::templates::EditableField;
use crate::tui::app::App;
use crate::tui::screens::{fit, marker};

#[path = "export_preview.rs"]
pub(super) mod preview;
pub(super) use preview::{PreviewRows, preview_extent, preview_size};

/// How many are chosen, and the days of the first and the last (the days the list shows):
/// "38 chosen, 2023-12-05 to 2026-10-16".
fn chosen_span(app: &App, state: &State) -> String {
    let days = || {
        let by_id: std::collections::HashSet<&str> =
            state.chosen.iter().map(String::as_str).collect();
        let dates = app.workbook.reflections.iter();
        let dates = dates
            .filter(|r| by_id.contains(r.id.as_str()))
            .map(|r| date_of(r));
        dates.fold(None, |span: Option<(_, _)>, day| match span {
            None => Some((day, day)),
            Some((first, last)) => Some((first.min(day), last.max(day))),
        })
    };
    match (state.chosen.len(), days()) {
        (0, _) | (_, None) => "Nothing chosen".to_string(),
        (1, Some((day, _))) => format!("1 chosen, dated {day}"),
        (n, Some((first, last))) => format!("{n} chosen, {first} to {last}"),
    }
}

/// The height of the screen's header: two lines, and one more for supervision's choices.
fn head_height(state: &State) -> u16 {
    match state.template() == crate::export::templates::Template::SupervisionPrep {
        true => 3,
        false => 2,
    }
}

/// How many reflections the list shows at once: a page of it.
pub(super) fn list_rows(app: &App, state: &State) -> usize {
    let body = crate::tui::view::body_rect(app);
    let panes = body.height.saturating_sub(head_height(state));
    usize::from(panes.saturating_sub(2)).max(1)
}

pub fn render(app: &App, state: &State, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let prepared = prepare(app, state);
    if let Some(scroll) = state.preview {
        return preview::render(app, state, &prepared, scroll, frame, area);
    }

    let supervision = state.template() == crate::export::templates::Template::SupervisionPrep;
    let [head, panes] =
        Layout::vertical([Constraint::Length(head_height(state)), Constraint::Min(3)]).areas(area);
    let tick = |on: bool| if on { "[x]" } else { "[ ]" };
    let mut header = vec![
        Line::from(vec![
            Span::styled("Template ", theme.title),
            Span::styled("t", theme.key),
            Span::raw(format!(
                ": {} — {}",
                state.template().name(),
                state.template().description()
            )),
        ]),
        Line::from(vec![
            Span::styled("Format ", theme.title),
            Span::styled("f", theme.key),
            Span::raw(format!(": {}   ", state.format().extension())),
            Span::styled("p", theme.key),
            Span::raw(" preview   "),
            Span::styled("w", theme.key),
            Span::raw(" write   "),
            Span::styled(chosen_span(app, state), theme.dim),
        ]),
    ];
    if supervision {
        let options = &state.options;
        let session = options
            .session_date
            .map_or_else(|| "not given".to_string(), |d| d.to_string());
        // The key first, so that at 80 columns the date of the session (d) is in sight.
        header.push(Line::raw(format!(
            "r {} ratings   c {} comments   u {} answers in full   d session: {session}",
            tick(options.include_ratings),
            tick(options.include_comments),
            tick(options.full)
        )));
    }
    frame.render_widget(Paragraph::new(header), head);

    // In a narrow window the list takes more, so that titles can be told apart: the
    // findings wrap, the titles are cut.
    let list_share = if area.width < 100 { 60 } else { 50 };
    let [left, right] = Layout::horizontal([
        Constraint::Percentage(list_share),
        Constraint::Percentage(100 - list_share),
    ])
    .areas(panes);
    let pane_block = |pane: Pane, title: &str| {
        let active = state.pane == pane;
        Block::bordered()
            .border_style(if active { theme.key } else { Style::new() })
            .title(Span::styled(
                format!(" {}{title} ", if active { "› " } else { "" }),
                theme.heading,
            ))
    };

    let width = left.width.saturating_sub(4) as usize;
    let offered = offered(app);
    let rows = left.height.saturating_sub(2) as usize;
    let offset = (state.cursor + 1).saturating_sub(rows);
    let lines: Vec<Line> = offered
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(position, &index)| {
            let reflection = &app.workbook.reflections[index];
            let chosen = state.chosen.contains(&reflection.id);
            let cursor = state.pane == Pane::Reflections && position == state.cursor;
            // A draft goes in only when ticked by hand: it says what it is.
            let draft = match reflection.status {
                crate::workbook::Status::Draft => "(draft) ",
                crate::workbook::Status::Complete => "",
            };
            let text = format!(
                "{} {}  {draft}{}",
                tick(chosen),
                date_of(reflection),
                reflection.title
            );
            Line::from(vec![
                marker(cursor, theme),
                Span::raw(fit(&text, width.saturating_sub(2))),
            ])
        })
        .collect();
    // The quick ways to choose (their keys are in the help too), where the border has room.
    let chosen = state.chosen.len();
    let room = usize::from(left.width).saturating_sub(6);
    let title = [
        format!("Reflections: {chosen} chosen · a all · s since"),
        format!("{chosen} chosen · a all · s since"),
        format!("Reflections: {chosen} chosen"),
    ]
    .into_iter()
    .find(|title| title.chars().count() <= room)
    .unwrap_or_else(|| format!("{chosen} chosen"));
    // Home lists reflections by when they were written; a document dates each by its CPD
    // activity where one is given, and so does this list: it says so, where there is room.
    let dated = [
        " dated by the activity, where given, else when written ",
        " dated by the activity, where given ",
    ]
    .into_iter()
    .find(|words| words.chars().count() <= room);
    let mut list_block = pane_block(Pane::Reflections, &title);
    if let Some(dated) = dated {
        list_block = list_block.title_bottom(Span::styled(dated, theme.dim));
    }
    frame.render_widget(Paragraph::new(lines).block(list_block), left);

    // With wording to edit, it goes above the findings.
    let wording = fields(app, state);
    let right = if wording.is_empty() {
        right
    } else {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Min(4)]).areas(right);
        let edited = wording
            .iter()
            .filter(|f| state.options.edits.contains_key(&f.key))
            .count();
        let title = format!("Wording: {edited} of {} edited", wording.len());
        let block = pane_block(Pane::Wording, &title);
        render_wording(app, state, &wording, frame, block.inner(top));
        frame.render_widget(block, top);
        bottom
    };

    let width = right.width.saturating_sub(4) as usize;
    let lines: Vec<Line> = match &prepared {
        Err(message) => vec![Line::styled(message.clone(), theme.warning)],
        Ok(p) if p.findings.is_empty() => vec![
            Line::styled("✓ None found in what would be written.", theme.ok),
            Line::raw(""),
            Line::styled(
                "Still, read the preview (p) before you share it.",
                theme.dim,
            ),
        ],
        Ok(p) => p
            .findings
            .iter()
            .enumerate()
            .flat_map(|(position, located)| {
                let cursor = state.pane == Pane::Findings && position == state.finding;
                let (mark, style) = if is_confirmed(state, located) {
                    ("[safe] ", theme.dim)
                } else {
                    ("[!] ", theme.error)
                };
                let first = format!(
                    "“{}”: {}",
                    located.finding.text,
                    located.finding.kind.description()
                );
                let second = format!("in {}", located.field);
                vec![
                    Line::from(vec![
                        marker(cursor, theme),
                        Span::styled(mark, style),
                        Span::raw(fit(&first, width.saturating_sub(9))),
                    ]),
                    Line::styled(
                        format!("      {}", fit(&second, width.saturating_sub(6))),
                        theme.dim,
                    ),
                ]
            })
            .collect(),
    };
    let findings = prepared.as_ref().map(|p| p.findings.len()).unwrap_or(0);
    let title = format!("Likely identifiers: {findings}");
    // Two lines a finding: keep the one under the cursor in sight.
    let rows = right.height.saturating_sub(2) as usize;
    let scroll = match findings {
        0 => 0,
        _ => ((state.finding + 1) * 2).saturating_sub(rows),
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(pane_block(Pane::Findings, &title)),
        right,
    );
}

/// The fields the owner can rewrite, each marked when edited, then the text of the one
/// under the cursor when there is room.
fn render_wording(
    app: &App,
    state: &State,
    fields: &[EditableField],
    frame: &mut Frame,
    area: Rect,
) {
    let theme = &app.theme;
    let width = area.width as usize;
    let wanted = u16::try_from(fields.len() + 1).unwrap_or(u16::MAX);
    let list_height = match area.height.saturating_sub(wanted) {
        spare if spare >= 3 => wanted,
        _ => area.height,
    };
    let [list, below] =
        Layout::vertical([Constraint::Length(list_height), Constraint::Min(0)]).areas(area);
    let mut lines = vec![Line::styled(
        "Changes here are only for this export.",
        theme.dim,
    )];
    let rows = list.height.saturating_sub(1) as usize;
    let offset = (state.field + 1).saturating_sub(rows);
    for (position, field) in fields.iter().enumerate().skip(offset).take(rows) {
        let cursor = state.pane == Pane::Wording && position == state.field;
        let mark = match state.options.edits.contains_key(&field.key) {
            true => " (edited)",
            false => "",
        };
        let room = width.saturating_sub(2 + mark.chars().count());
        lines.push(Line::from(vec![
            marker(cursor, theme),
            Span::raw(fit(&field.label, room)),
            Span::styled(mark, theme.ok),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), list);
    let Some(field) = fields.get(state.field).filter(|_| below.height >= 2) else {
        return;
    };
    let text = match field.text.trim() {
        "" => Paragraph::new(vec![
            Line::raw(""),
            Line::styled("(empty: Enter to write it)", theme.dim),
        ]),
        text => Paragraph::new(format!("\n{text}")),
    };
    frame.render_widget(text.wrap(Wrap { trim: false }), below);
}
