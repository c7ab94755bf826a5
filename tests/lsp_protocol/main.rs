//! Stdio tests of the protocol's edges, one binary: lifecycle and exit codes, hostile input
//! (broken frames, junk, requests that make no sense), awkward files on disk, what the server
//! may read, write or send, and the client contracts (the editors name only what the server
//! defines). Each module drives the real `newsls` binary through `common::Client`.

#[path = "../common/mod.rs"]
mod common;

mod contracts;
mod edges;
mod hostile;
mod hostile_files;
mod security;
