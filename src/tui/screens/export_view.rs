//! Drawing the export screen and its preview.

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

/// The preview's text, wrapped, as it is drawn and measured.
pub(super) fn preview_text<'t>(text: impl Into<ratatui::text::Text<'t>>) -> Paragraph<'t> {
    Paragraph::new(text).wrap(Wrap { trim: false })
}

/// How far `preview` in the screen's `area` scrolls at most (its last line at the bottom),
/// and how far a page goes: its wrapped lines (ratatui's line count, the feature
/// `unstable-rendered-line-info`) against the rows inside the preview's border, below its
/// two lines of heading.
pub(super) fn preview_extent(preview: &Paragraph, area: Rect) -> (u16, u16) {
    let width = area.width.saturating_sub(2).max(1);
    let rows = area.height.saturating_sub(2 + 2).max(1);
    let lines = preview.line_count(width);
    let limit = u16::try_from(lines.saturating_sub(usize::from(rows))).unwrap_or(u16::MAX);
    (limit, rows.saturating_sub(1).max(1))
}

pub fn render(app: &App, state: &State, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let prepared = prepare(app, state);
    if let Some(scroll) = state.preview {
        let [head, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
        let (text, note) = match &prepared {
            Ok(p) => {
                let open = p
                    .findings
                    .iter()
                    .filter(|f| !is_confirmed(state, f))
                    .count();
                let note = if open == 0 {
                    "No likely identifiers left. w writes it.".to_string()
                } else {
                    format!(
                        "{open} likely identifier(s) to deal with before writing (Esc, then Tab to the findings)."
                    )
                };
                (p.text.to_string(), note)
            }
            Err(message) => (String::new(), message.clone()),
        };
        let header = vec![
            Line::styled(
                format!(
                    "Exactly what would be written ({}, {}):",
                    state.template().name(),
                    state.format().extension()
                ),
                theme.title,
            ),
            Line::styled(note, theme.warning),
        ];
        frame.render_widget(Paragraph::new(header), head);
        let preview = preview_text(text);
        let (limit, _) = preview_extent(&preview, area);
        frame.render_widget(
            preview
                .scroll((scroll.min(limit), 0))
                .block(Block::bordered().border_style(theme.dim)),
            body,
        );
        return;
    }

    let supervision = state.template().name() == "supervision-prep";
    let head_height = if supervision { 3 } else { 2 };
    let [head, panes] =
        Layout::vertical([Constraint::Length(head_height), Constraint::Min(3)]).areas(area);
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
            Span::raw(" write"),
        ]),
    ];
    if supervision {
        let options = &state.options;
        let session = options
            .session_date
            .map_or_else(|| "not given".to_string(), |d| d.to_string());
        header.push(Line::raw(format!(
            "{} ratings (r)   {} comments (c)   {} answers in full (u)   session: {session} (d)",
            tick(options.include_ratings),
            tick(options.include_comments),
            tick(options.full)
        )));
    }
    frame.render_widget(Paragraph::new(header), head);

    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(panes);
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
            let text = format!(
                "{} {}  {}",
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
    let mut title = format!("Reflections: {} chosen", state.chosen.len());
    // The quick ways to choose (their keys are in the help), as many as the border has
    // room for.
    let room = usize::from(left.width).saturating_sub(6);
    if let Some(ways) = [" · a all · s since", " · a all"]
        .into_iter()
        .find(|ways| title.chars().count() + ways.chars().count() <= room)
    {
        title.push_str(ways);
    }
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(Pane::Reflections, &title)),
        left,
    );

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
