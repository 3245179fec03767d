//! What the user asked for. Keys become actions through the key table ([`super::keys`]), so
//! that what a key does, the hint line and the help overlay all come from one place.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Back,
    Suspend,
    Up,
    Down,
    Left,
    Right,
    NextField,
    PrevField,
    PageUp,
    PageDown,
    Open,
    Toggle,
    /// Export: tick every complete reflection, or untick all.
    TickAll,
    /// Export: tick the complete reflections since a day.
    TickSince,
    /// A number key: a rating on the pack's scale (0 clears it).
    Rate(u8),
    NewReflection,
    Browse,
    Actions,
    NextArea,
    PrevArea,
    Summary,
    MarkComplete,
    Edit,
    Delete,
    Search,
    FilterArea,
    FilterContext,
    FilterDate,
    CycleStatus,
    SetDue,
    /// Close the text editor, keeping what was typed.
    EditorDone,
    Confirm,
    Cancel,
    /// Browse: clear every filter and the search.
    ClearFilters,
    Export,
    CycleTemplate,
    CycleFormat,
    ToggleRatings,
    ToggleComments,
    ToggleFull,
    /// Supervision notes: give the date of the session.
    SessionDate,
    Preview,
    Write,
    CpdDetails,
    /// Give the reflection a title, or change it.
    EditTitle,
}
