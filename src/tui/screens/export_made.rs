//! The export on screen, made once for what it is made from. Making it reads the whole of
//! every chosen reflection, and with a three-year CPD log ticked that is too much to do for
//! every key and every frame: `update` makes it again only when the workbook, the choice, the
//! template, the format or the options change, and the screen reads what was made. While a
//! text box is open over the screen, the export under it is left as it was, and made again
//! when the box closes rather than for every key typed into it.

use std::sync::Arc;

use super::view::{PreviewRows, preview_size};
use super::{State, fields};
use crate::export::Prepared;
use crate::tui::app::{App, Overlay, Screen};

/// An export as made, with what it was made from.
#[derive(Debug)]
pub struct Made {
    /// The workbook's generation ([`crate::tui::app::SaveState::generation`]), which every
    /// change to it moves on.
    generation: u64,
    watch_list: Vec<String>,
    state: State,
    prepared: Result<Arc<Prepared>, String>,
    /// While previewing, the text laid out in rows for the preview's width.
    preview: Option<Arc<PreviewRows>>,
}

impl Made {
    /// Whether this was made from what `state` on `app` would make.
    fn is_for(&self, app: &App, state: &State) -> bool {
        let same = |a: &State, b: &State| {
            a.chosen == b.chosen
                && a.template() == b.template()
                && a.format() == b.format()
                && a.options == b.options
        };
        self.generation == app.save.generation
            && self.watch_list == app.watch_list
            && same(&self.state, state)
    }
}

/// What would be exported, built the same way for the screen, the preview and the file: as
/// last made when nothing it is made from has changed since.
pub fn prepare(app: &App, state: &State) -> Result<Arc<Prepared>, String> {
    match &app.export_made {
        Some(made) if typing(app) || made.is_for(app, state) => made.prepared.clone(),
        _ => make(app, state),
    }
}

/// Makes the export on screen again if what it is made from has changed; forgets it when
/// the screen is another.
pub fn refresh(app: &mut App) {
    let Screen::Export(state) = &app.screen else {
        app.export_made = None;
        return;
    };
    let made = app.export_made.as_ref();
    if !made.is_some_and(|made| typing(app) || made.is_for(app, state)) {
        let made = Made {
            generation: app.save.generation,
            watch_list: app.watch_list.clone(),
            state: state.clone(),
            prepared: make(app, state),
            preview: None,
        };
        app.export_made = Some(made);
    }
    let previewing = state.preview.is_some();
    let width = preview_width(app);
    if let Some(made) = &mut app.export_made {
        let laid_out = made
            .preview
            .as_ref()
            .is_some_and(|rows| rows.width == width);
        if !previewing {
            made.preview = None;
        } else if !laid_out {
            made.preview = Some(Arc::new(lay_out(&made.prepared, width)));
        }
    }
}

/// The preview's rows: as laid out for the export on screen when they are still its own.
pub fn preview_rows(app: &App, state: &State) -> Arc<PreviewRows> {
    let width = preview_width(app);
    match &app.export_made {
        Some(made) if typing(app) || made.is_for(app, state) => match &made.preview {
            Some(rows) if rows.width == width => rows.clone(),
            _ => Arc::new(lay_out(&made.prepared, width)),
        },
        _ => Arc::new(lay_out(&make(app, state), width)),
    }
}

fn preview_width(app: &App) -> u16 {
    preview_size(crate::tui::view::body_rect(app)).0
}

fn lay_out(prepared: &Result<Arc<Prepared>, String>, width: u16) -> PreviewRows {
    let text = prepared.as_ref().map(|p| p.text.to_string());
    PreviewRows::new(text.as_deref().unwrap_or_default(), width)
}

fn typing(app: &App) -> bool {
    matches!(app.overlay, Some(Overlay::Editor(_)))
}

fn make(app: &App, state: &State) -> Result<Arc<Prepared>, String> {
    let (sources, reflections) = fields::chosen(app, state)?;
    let options = crate::export::templates::Options {
        chosen_by: narrowed(app, state).then(|| "ticked on the export screen".to_string()),
        ..state.options.clone()
    };
    Ok(Arc::new(crate::export::prepare(
        &sources,
        &reflections,
        state.template(),
        state.format(),
        &options,
        &app.watch_list,
    )))
}

/// Whether the owner left unticked some of the span of years the template covers, which
/// a CPD log or an HCPC profile then says. Ticking more (older ones) leaves nothing out.
fn narrowed(app: &App, state: &State) -> bool {
    if !state.by_hand {
        return false;
    }
    let (covered, span) = super::choice::template_default(app, state);
    let ticked: std::collections::HashSet<&String> = state.chosen.iter().collect();
    span.is_some() && covered.iter().any(|id| !ticked.contains(id))
}
