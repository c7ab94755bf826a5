//! Stdio tests of the features, one binary: text synchronisation, boilerplate, citations,
//! entity corrections, entities across files, the safety of every code action, the workspace
//! index and settings, and changes on disk. Each module drives the real `newsls` binary
//! through `common::Client`.

#[path = "../common/mod.rs"]
mod common;

mod action_safety;
mod boilerplate;
mod citations;
mod corrections;
mod disk_changes;
mod entities;
mod sync;
mod workspace;
