//! Models of the `data` API group.
