//! The size of the terminal standard output is written to, for the command line: its lists fit
//! the width, and long text is paged when it is taller than the terminal. Here because only
//! the terminal UI touches crossterm.

/// The width of the terminal, in columns, if there is one: for the command line's lists,
/// which fit it rather than wrap. Some consoles report a width of 0, which is no width.
pub fn terminal_width() -> Option<usize> {
    let (width, _) = crossterm::terminal::size().ok()?;
    (width > 0).then_some(usize::from(width))
}

/// The rows of the terminal, as [`terminal_width`] its columns.
pub fn terminal_height() -> Option<usize> {
    let (_, height) = crossterm::terminal::size().ok()?;
    (height > 0).then_some(usize::from(height))
}
