//! Models of the `eligibility` API group.
