//! Stdio tests of the features, one binary: text synchronisation, `newsls check` agreeing
//! with the server, boilerplate, citations, entity corrections, entities across files,
//! settings per workspace folder, the safety of every code action, the workspace index and
//! overview (pull diagnostics, lenses, the views' requests),
//! settings, and changes on disk. Each module drives the real `newsls` binary through
//! `common::Client`.

#[path = "../common/mod.rs"]
mod common;

mod action_safety;
mod boilerplate;
mod check_agrees;
mod citations;
mod corrections;
mod disk_changes;
mod entities;
mod folders;
mod hints;
mod overview;
mod sync;
mod workspace;
