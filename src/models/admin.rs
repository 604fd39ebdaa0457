//! Models of the `admin` API group.
