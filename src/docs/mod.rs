//! Guides: how the typed methods are named, and how to move from the official Python client.

#[doc = include_str!("naming.md")]
pub mod naming {}

#[doc = include_str!("migrating.md")]
pub mod migrating {}
