//! Models of the `claims` API group.
