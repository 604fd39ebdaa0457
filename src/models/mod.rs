//! Typed requests and responses, one module per API group.
//!
//! Every response type is `#[non_exhaustive]`, tolerates missing fields (`Option`, defaulted
//! collections), keeps unknown enumeration values (`Unknown(String)`) and flattens any key it
//! does not name into an `extra` map, so decoding and re-encoding gives back the same JSON.
//! Request types take their required fields in `new(..)`, have public `Option` fields for the
//! rest, and an `extra` map for anything documented but not modelled.

pub mod common;

pub use common::{
    Address, Amount, Date, ErrorData, ErrorEnvelope, Extra, Member, Money, Paging, Provider,
    Timestamp, X12File,
};
pub mod activities;
pub mod admin;
pub mod claims;
pub mod constants;
pub mod data;
pub mod eligibility;
pub mod identity;
pub mod oop;
pub mod pharmacy;
pub mod scheduling;
pub mod transactions;
pub mod x12;
