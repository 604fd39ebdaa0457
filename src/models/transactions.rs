//! Models of the `transactions` API group.
