//! Placeholder: filled by the vocabulary work.
