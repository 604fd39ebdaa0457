//! Typed convenience methods on [`PokitDok`](crate::PokitDok), one module per API group.
//! Each is a thin layer over the generic requests.

mod activities;
mod admin;
mod claims;
mod data;
mod eligibility;
mod identity;
mod oop;
mod pharmacy;
mod scheduling;
mod transactions;
