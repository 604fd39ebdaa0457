//! Models of the `scheduling` API group.
