//! The folder of articles: finding and reading its files, and the index built from them.

pub mod corrections;
pub mod entities;
pub mod index;
pub mod kinds;
mod mentions;
pub mod scan;
pub mod templates;

pub use corrections::Corrections;
pub use entities::{EntityIndex, EntityRecord, EntityRecords, entity_id};
pub use index::{FileEntry, IndexSnapshot, PersistentMap, WorkspaceIndex};
pub use mentions::{FileMentions, MentionsIter};
pub use scan::{FileText, ReadError, find_files, read_news_file};
