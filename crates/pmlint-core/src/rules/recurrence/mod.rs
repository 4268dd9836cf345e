//! Recurrence (R): findings that compare a postmortem with others. They run only when
//! the caller passes a [`crate::Corpus`] (the CLI over a directory, a language server
//! with a workspace index) and never count in the score.

pub mod r001_recurring_cause;
