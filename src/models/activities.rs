//! Models of the `activities` API group.
