//! Models of the `identity` API group.
