//! See the module docs of [`crate::api`].
