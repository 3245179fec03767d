//! The one place state changes: `update` turns a message into changes and returns the effects
//! (save, quit, suspend) for the event loop to carry out. No I/O, no clocks: the time comes in
//! with the message, so every step is testable without a terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::app::{
    App, Confirm, ConfirmAction, Effect, Msg, Now, Overlay, SAVE_RETRY, Screen, StatusKind,
};
use super::keys::{self, CONFIRM, EDITOR, GLOBAL, HELP_OVERLAY};
use super::screens::{self, actions, area, browse, cpd, export, home, start, summary};

pub fn update(app: &mut App, msg: Msg, now: &Now) -> Vec<Effect> {
    let effects = handle(app, msg, now);
    export::refresh(app);
    // Only while help is open: laying it out is work no keystroke elsewhere should pay for.
    if matches!(app.overlay, Some(Overlay::Help { .. })) {
        let limit = super::view::help_scroll_limit(app);
        if let Some(Overlay::Help { scroll }) = &mut app.overlay {
            *scroll = (*scroll).min(limit);
        }
    }
    effects
}

fn handle(app: &mut App, msg: Msg, now: &Now) -> Vec<Effect> {
    match msg {
        Msg::Resize(width, height) => {
            app.size = (width, height);
            Vec::new()
        }
        Msg::Tick => tick(app, now),
        Msg::Saved(result) => saved(app, result, now),
        Msg::Written(Ok(path)) => {
            // Written: the next export is offered a name of its own, in the same folder.
            if let Screen::Export(state) = &mut app.screen {
                state.path = None;
            }
            let folder = std::path::Path::new(&path).parent();
            if let Some(folder) = folder.filter(|f| !f.as_os_str().is_empty()) {
                app.export_dir = folder.to_path_buf();
            }
            app.status = Some((
                StatusKind::Ok,
                format!("Wrote {path}, readable by you alone."),
            ));
            Vec::new()
        }
        Msg::Written(Err(message)) => {
            // The box opens again on the name typed, to change it.
            let kept = match &app.screen {
                Screen::Export(state) => state.path.clone(),
                _ => None,
            };
            match kept {
                Some(path) => {
                    export::ask_path(app, &path);
                    app.error(format!(
                        "Not written: {message}. Change the name and press Enter, or Esc to leave it."
                    ));
                }
                None => app.error(format!("Not written: {message}.")),
            }
            Vec::new()
        }
        Msg::Paste(text) => {
            if let Some(Overlay::Editor(editor)) = &mut app.overlay
                && editor.paste(&text)
            {
                sync_editor(app, now);
            }
            Vec::new()
        }
        Msg::Mouse(event) => mouse(app, event, now),
        Msg::Key(event) if event.kind == KeyEventKind::Press => key(app, event, now),
        Msg::Key(_) => Vec::new(),
    }
}

fn tick(app: &mut App, now: &Now) -> Vec<Effect> {
    let due = app.save.due.is_some_and(|due| due <= now.instant);
    if app.save.dirty && due && app.save.saving.is_none() {
        start_save(app)
    } else {
        Vec::new()
    }
}

/// Asks for the workbook as it is now to be saved. One save runs at a time.
fn start_save(app: &mut App) -> Vec<Effect> {
    app.save.due = None;
    app.save.saving = Some(app.save.generation);
    vec![Effect::Save]
}

fn saved(app: &mut App, result: Result<(), String>, now: &Now) -> Vec<Effect> {
    let written = app.save.saving.take();
    match result {
        Ok(()) => {
            // Changes made while the save ran are still to be saved; their timer is running.
            if written == Some(app.save.generation) {
                app.save.dirty = false;
                app.save.due = None;
            }
            app.save.last_error = None;
            if app
                .status
                .as_ref()
                .is_some_and(|(kind, _)| *kind == StatusKind::Error)
            {
                app.status = Some((StatusKind::Ok, "Saved.".into()));
            }
            if app.save.quitting {
                return if app.save.dirty {
                    start_save(app)
                } else {
                    vec![Effect::Quit]
                };
            }
        }
        Err(message) => {
            app.save.due = Some(now.instant + SAVE_RETRY);
            app.error(format!(
                "Not saved: {message}. What you wrote is kept here and saving is retried every few seconds."
            ));
            app.save.last_error = Some(message);
            if app.save.quitting {
                app.save.quitting = false;
                app.overlay = Some(Overlay::Confirm(Confirm {
                    question: "Your latest changes could not be saved (see below). Quit anyway? They will be written to a rescue file, named when wheelbook closes.".into(),
                    on_yes: ConfirmAction::QuitWithoutSaving,
                }));
            }
        }
    }
    Vec::new()
}

fn mouse(app: &mut App, event: MouseEvent, now: &Now) -> Vec<Effect> {
    let action = match event.kind {
        MouseEventKind::ScrollUp => Action::Up,
        MouseEventKind::ScrollDown => Action::Down,
        _ if super::view::too_small(app.size) => return Vec::new(),
        MouseEventKind::Down(MouseButton::Left) if app.overlay.is_none() => {
            return click(app, event.column, event.row, now);
        }
        _ => return Vec::new(),
    };
    match &mut app.overlay {
        Some(Overlay::Editor(editor)) => {
            editor.textarea.scroll(if action == Action::Up {
                (-1, 0)
            } else {
                (1, 0)
            });
            Vec::new()
        }
        Some(Overlay::Help { scroll }) => {
            *scroll = if action == Action::Up {
                scroll.saturating_sub(1)
            } else {
                scroll.saturating_add(1)
            };
            Vec::new()
        }
        Some(Overlay::Confirm(_)) => Vec::new(),
        None => dispatch(app, action, now),
    }
}

/// A click selects what is under it; a click on what is already selected opens it, as Enter.
fn click(app: &mut App, x: u16, y: u16, now: &Now) -> Vec<Effect> {
    let body = super::view::body_rect(app);
    let (target, selected) = match &app.screen {
        Screen::Home(state) => (home::row_at(app, state, body, x, y), state.selected),
        Screen::Area(state) => (area::item_at(app, state, body, x, y), state.selected),
        _ => (None, 0),
    };
    let Some(target) = target else {
        return Vec::new();
    };
    if target == selected {
        return dispatch(app, Action::Open, now);
    }
    match &mut app.screen {
        Screen::Home(state) => state.selected = target,
        Screen::Area(state) => state.selected = target,
        _ => {}
    }
    Vec::new()
}

fn key(app: &mut App, event: KeyEvent, now: &Now) -> Vec<Effect> {
    // Nothing the user cannot see may change: while the window is too small, only quit.
    if super::view::too_small(app.size) {
        return match keys::lookup([GLOBAL], &event) {
            Some(Action::Quit) => quit(app),
            _ => Vec::new(),
        };
    }
    match &mut app.overlay {
        Some(Overlay::Editor(editor)) => {
            // Esc means back everywhere: in a box that asks before the export does
            // something, it does nothing.
            let table = if editor.target.asks() {
                keys::ASKING
            } else {
                EDITOR
            };
            match keys::lookup([table], &event) {
                Some(Action::Cancel) => {
                    let note = editor.target.esc_note().unwrap_or("Nothing done.");
                    // A file name typed is offered again, not lost.
                    let typed = editor.text().trim().to_string();
                    if editor.target == super::editor::EditTarget::ExportPath
                        && !typed.is_empty()
                        && let Screen::Export(state) = &mut app.screen
                    {
                        state.path = Some(typed);
                    }
                    app.overlay = None;
                    app.info(note);
                    return Vec::new();
                }
                Some(Action::EditorDone) => return finish_editor(app, now),
                Some(Action::Suspend) => return suspend(app),
                _ => {}
            }
            if editor.single_line && event.code == KeyCode::Enter {
                return finish_editor(app, now);
            }
            if editor.input(event) {
                sync_editor(app, now);
            }
            Vec::new()
        }
        Some(Overlay::Help { scroll }) => {
            match keys::lookup([HELP_OVERLAY], &event) {
                Some(Action::Back) => app.overlay = None,
                Some(Action::Up) => *scroll = scroll.saturating_sub(1),
                Some(Action::Down) => *scroll = scroll.saturating_add(1),
                _ => {}
            }
            Vec::new()
        }
        Some(Overlay::Confirm(confirm)) => match keys::lookup([CONFIRM], &event) {
            Some(Action::Confirm) => {
                let on_yes = confirm.on_yes.clone();
                app.overlay = None;
                confirmed(app, on_yes, now)
            }
            Some(Action::Cancel) => {
                app.overlay = None;
                Vec::new()
            }
            _ => Vec::new(),
        },
        None => match keys::lookup([screens::keys(&app.screen), GLOBAL], &event) {
            Some(Action::Help) => {
                app.overlay = Some(Overlay::Help { scroll: 0 });
                Vec::new()
            }
            Some(Action::Quit) => quit(app),
            Some(Action::Suspend) => suspend(app),
            Some(action) => {
                app.status = None;
                dispatch(app, action, now)
            }
            None => Vec::new(),
        },
    }
}

/// Quits once everything is saved, asking first if a new reflection's form would be lost.
fn quit(app: &mut App) -> Vec<Effect> {
    if start::form_in_hand(app) {
        app.overlay = Some(Overlay::Confirm(Confirm {
            question: "The new reflection you started choosing has not begun, so it is not kept when wheelbook closes. Quit anyway?".into(),
            on_yes: ConfirmAction::QuitLeavingNewForm,
        }));
        return Vec::new();
    }
    quit_saving(app)
}

/// Quits once everything is saved.
fn quit_saving(app: &mut App) -> Vec<Effect> {
    if !app.save.dirty {
        return vec![Effect::Quit];
    }
    app.save.quitting = true;
    // A save under way is let finish; `saved` then saves what is left, and quits.
    if app.save.saving.is_none() {
        start_save(app)
    } else {
        Vec::new()
    }
}

/// Ctrl-Z: what is unsaved is saved before the terminal is given back.
fn suspend(app: &mut App) -> Vec<Effect> {
    let mut effects = if app.save.dirty && app.save.saving.is_none() {
        start_save(app)
    } else {
        Vec::new()
    };
    effects.push(Effect::Suspend);
    effects
}

fn confirmed(app: &mut App, action: ConfirmAction, now: &Now) -> Vec<Effect> {
    match action {
        ConfirmAction::QuitWithoutSaving => vec![Effect::Quit],
        ConfirmAction::QuitLeavingNewForm => {
            app.start_draft = None;
            quit_saving(app)
        }
        ConfirmAction::RemoveOwnActivity { reflection, index } => {
            if let Some(reflection) = app.workbook.get_reflection_mut(reflection)
                && index < reflection.own_activities.len()
            {
                reflection.own_activities.remove(index);
                reflection.updated = now.time;
                app.changed(now);
            }
            Vec::new()
        }
        ConfirmAction::RemoveAction { index } => {
            if index < app.workbook.actions.len() {
                app.workbook.actions.remove(index);
                app.reindex();
                app.changed(now);
            }
            Vec::new()
        }
        ConfirmAction::DeleteReflection(id) => {
            if let Some(index) = app.workbook.reflections.iter().position(|r| r.id == id) {
                app.workbook.reflections.remove(index);
                app.reindex();
                app.changed(now);
                app.info(
                    "Reflection deleted. Its last saved version stays in the backups for a while.",
                );
                browse::after_delete(app, index);
            }
            Vec::new()
        }
    }
}

/// Gives the action to the current screen, which may move to another.
fn dispatch(app: &mut App, action: Action, now: &Now) -> Vec<Effect> {
    let mut screen = std::mem::replace(&mut app.screen, Screen::Home(home::State::default()));
    let outcome = match &mut screen {
        Screen::Home(state) => home::handle(app, state, action, now),
        Screen::Start(state) => start::handle(app, state, action, now),
        Screen::Area(state) => area::handle(app, state, action, now),
        Screen::Summary(state) => summary::handle(app, state, action, now),
        Screen::Browse(state) => browse::handle(app, state, action, now),
        Screen::Reading(state) => browse::handle_reading(app, state, action, now),
        Screen::Actions(state) => actions::handle(app, state, action, now),
        Screen::Export(state) => export::handle(app, state, action, now),
        Screen::Cpd(state) => cpd::handle(app, state, action, now),
    };
    app.screen = outcome.go.unwrap_or(screen);
    outcome.effects
}

#[path = "update_editor.rs"]
mod editor_text;

use editor_text::{finish_editor, sync_editor};
