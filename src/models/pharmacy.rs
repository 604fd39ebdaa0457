//! Models of the `pharmacy` API group.
