//! Models of the `oop` API group.
