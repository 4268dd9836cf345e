//! Editor features as pure functions of one [`Analysis`](crate::analysis::Analysis):
//! no server state, so each is unit-tested directly.

pub mod actions;
pub mod comms;
pub mod completion;
pub mod diagnostics;
pub mod hover;
pub mod symbols;
pub mod timeline;
