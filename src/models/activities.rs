//! Models of the `activities` API group: the activity object every asynchronous (and many
//! synchronous) X12 request creates, the cancel transition, and the list query.
//!
//! The same activity representation is returned by `GET /activities/{id}`, by `POST /claims/`
//! and is POSTed to a request's `callback_url` (see [`crate::callback`]).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::models::common::{Extra, Timestamp, open_enum};
use crate::redact::redacted_debug;

open_enum! {
    /// The `state.name` of an activity (§2.8 of the API docs).
    ///
    /// The terminal states are `completed`, `canceled`, `failed`, `rejected` and
    /// `rejected_reviewed`; see [`ActivityState::is_terminal`].
    pub enum ActivityState {
        /// `init`.
        Init = "init",
        /// `queued`.
        Queued = "queued",
        /// `scheduled`.
        Scheduled = "scheduled",
        /// `generating`.
        Generating = "generating",
        /// `processing`.
        Processing = "processing",
        /// `fallback`.
        Fallback = "fallback",
        /// `transmitting`.
        Transmitting = "transmitting",
        /// `waiting`.
        Waiting = "waiting",
        /// `receiving`.
        Receiving = "receiving",
        /// `paused`.
        Paused = "paused",
        /// `notifying`.
        Notifying = "notifying",
        /// `stored`.
        Stored = "stored",
        /// `completed`.
        Completed = "completed",
        /// `canceled`.
        Canceled = "canceled",
        /// `failed`.
        Failed = "failed",
        /// `rejected`.
        Rejected = "rejected",
        /// `rejected_reviewed`.
        RejectedReviewed = "rejected_reviewed",
    }
}

open_enum! {
    /// A transition of an activity's state machine, as listed in `transition_path` and
    /// `remaining_transitions`; `cancel` is the one a client may request.
    pub enum ActivityTransition {
        /// `schedule`.
        Schedule = "schedule",
        /// `generate`.
        Generate = "generate",
        /// `store`.
        Store = "store",
        /// `transmit`.
        Transmit = "transmit",
        /// `wait`.
        Wait = "wait",
        /// `receive`.
        Receive = "receive",
        /// `process`.
        Process = "process",
        /// `notify`.
        Notify = "notify",
        /// `queue`.
        Queue = "queue",
        /// `complete`.
        Complete = "complete",
        /// `cancel`.
        Cancel = "cancel",
    }
}

open_enum! {
    /// Where a claim stands (`tracking_description` of a claims activity).
    ///
    /// One documented value contains a space: `"finalized forwarded"`.
    pub enum TrackingDescription {
        /// `submitting`.
        Submitting = "submitting",
        /// `waiting`.
        Waiting = "waiting",
        /// `acknowledged`.
        Acknowledged = "acknowledged",
        /// `paid`.
        Paid = "paid",
        /// `paid_in_full`.
        PaidInFull = "paid_in_full",
        /// `adjudicated`.
        Adjudicated = "adjudicated",
        /// `denied`.
        Denied = "denied",
        /// `paid_forwarded`.
        PaidForwarded = "paid_forwarded",
        /// `paid_in_full_forwarded`.
        PaidInFullForwarded = "paid_in_full_forwarded",
        /// `adjudicated_forwarded`.
        AdjudicatedForwarded = "adjudicated_forwarded",
        /// `reversal_of_previous`.
        ReversalOfPrevious = "reversal_of_previous",
        /// `claim_forwarded`.
        ClaimForwarded = "claim_forwarded",
        /// `predetermination_pricing`.
        PredeterminationPricing = "predetermination_pricing",
        /// `acknowledged_forwarded`.
        AcknowledgedForwarded = "acknowledged_forwarded",
        /// `accepted_for_adjudication`.
        AcceptedForAdjudication = "accepted_for_adjudication",
        /// `rejected`.
        Rejected = "rejected",
        /// `rejected_reviewed`.
        RejectedReviewed = "rejected_reviewed",
        /// `claim_not_found`.
        ClaimNotFound = "claim_not_found",
        /// `acknowledged_split`.
        AcknowledgedSplit = "acknowledged_split",
        /// `claim_pended`.
        ClaimPended = "claim_pended",
        /// `pending_adjudication`.
        PendingAdjudication = "pending_adjudication",
        /// `pending_additional_information`.
        PendingAdditionalInformation = "pending_additional_information",
        /// `finalized`.
        Finalized = "finalized",
        /// `finalized_revised`.
        FinalizedRevised = "finalized_revised",
        /// `finalized forwarded`.
        FinalizedForwarded = "finalized forwarded",
        /// `adjudicated_not_paid`.
        AdjudicatedNotPaid = "adjudicated_not_paid",
        /// `additional_information_requested`.
        AdditionalInformationRequested = "additional_information_requested",
        /// `processing_error`.
        ProcessingError = "processing_error",
        /// `response_received`.
        ResponseReceived = "response_received",
    }
}

impl ActivityState {
    /// `true` for the states an activity does not leave: `completed`, `canceled`, `failed`,
    /// `rejected` and `rejected_reviewed`.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            ActivityState::Completed
                | ActivityState::Canceled
                | ActivityState::Failed
                | ActivityState::Rejected
                | ActivityState::RejectedReviewed
        )
    }
}

/// The `state` block of an activity: `{name, title}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActivityStatus {
    /// Machine name, e.g. `scheduled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<ActivityState>,
    /// Human title, e.g. `"Scheduled for next available transmission to Trading Partner"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ActivityStatus {
    show: [title, name],
    shape: [extra],
});

/// One entry of an activity's `history`: a state it went through and when.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActivityHistoryEntry {
    /// State name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<ActivityState>,
    /// State title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// When the activity entered the state (zone-less).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_dt: Option<Timestamp>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ActivityHistoryEntry {
    show: [title, record_dt, name],
    shape: [extra],
});

/// An earlier trading-partner response kept in `result_history` (claims receive an
/// acknowledgement first and a payment later).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActivityResultEntry {
    /// The response, as sent (see [`Activity::result_as`] for the typed shapes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    /// When it arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_dt: Option<Timestamp>,
    /// Other keys, as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ActivityResultEntry {
    show: [record_dt],
    shape: [result, extra],
});

/// An activity: the platform's record of one request and its progress through the
/// trading-partner exchange.
///
/// `parameters` (the request as stored) and `result` (the latest trading-partner response) are
/// kept as JSON because their shape depends on the activity's `name`; decode them with
/// [`Activity::parameters_as`] and [`Activity::result_as`], e.g. into
/// [`ClaimRequest`](crate::models::claims::ClaimRequest),
/// [`Eligibility`](crate::models::eligibility::Eligibility),
/// [`ClaimAcknowledgement`](crate::models::claims::ClaimAcknowledgement) or
/// [`ClaimPayment`](crate::models::claims::ClaimPayment).
///
/// `Debug` shows no parameters or results (patient data).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Activity {
    /// Activity id (24 hex digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Kind of activity, e.g. `"claims"`, `"eligibility"`, `"batch file"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Current state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ActivityStatus>,
    /// States passed through so far.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<ActivityHistoryEntry>,
    /// All transitions of the activity's workflow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transition_path: Vec<ActivityTransition>,
    /// Transitions not yet taken.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remaining_transitions: Vec<ActivityTransition>,
    /// Trading partner the request went to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trading_partner_id: Option<String>,
    /// Parent activity (sub-activities of a batch upload).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// The request as stored (for claims with `submitter`, `receiver`, `payer`,
    /// `correlation_id`, `generate_pdf` and `async` added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// The latest trading-partner response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    /// Earlier responses, when more than one arrived.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub result_history: Vec<ActivityResultEntry>,
    /// Units of work (usually 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units_of_work: Option<i64>,
    /// Callback URL given with the request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// The last failed callback attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_error: Option<String>,
    /// When the activity was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date: Option<Timestamp>,
    /// When the activity last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated_date: Option<Timestamp>,
    /// Claims only: where the claim stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_description: Option<TrackingDescription>,
    /// Claims with an ERA: the payment id for
    /// [`PokitDok::payment`](crate::PokitDok::payment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<String>,
    /// `_type` (undocumented, `"PlatformActivityModel"`).
    #[serde(rename = "_type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// `_uuid` (undocumented).
    #[serde(rename = "_uuid", default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Other keys, as sent (e.g. `x12_request` / `x12_response` when asked for with
    /// `Accept: application/vnd.pokitdok.v4+activity-x12-json`).
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Activity {
    show: [
        state,
        history,
        transition_path,
        remaining_transitions,
        trading_partner_id,
        parent_id,
        result_history,
        units_of_work,
        callback_error,
        created_date,
        last_updated_date,
        tracking_description,
        payment_id,
        type_,
        uuid,
        id,
        name
    ],
    shape: [parameters, result, callback_url, extra],
});

impl Activity {
    /// The current state name, if sent.
    pub fn state_name(&self) -> Option<&ActivityState> {
        self.state.as_ref()?.name.as_ref()
    }

    /// `true` when the activity is in a terminal state (see [`ActivityState::is_terminal`]).
    pub fn is_finished(&self) -> bool {
        self.state_name().is_some_and(ActivityState::is_terminal)
    }

    /// Decodes `result` into `T` (`Ok(None)` when there is no result).
    ///
    /// # Errors
    /// [`crate::Error::Decode`] when the result does not fit `T`.
    pub fn result_as<T: DeserializeOwned>(&self) -> crate::Result<Option<T>> {
        decode_opt(self.result.as_ref(), "result")
    }

    /// Decodes `parameters` (the stored request) into `T` (`Ok(None)` when absent).
    ///
    /// # Errors
    /// [`crate::Error::Decode`] when the parameters do not fit `T`.
    pub fn parameters_as<T: DeserializeOwned>(&self) -> crate::Result<Option<T>> {
        decode_opt(self.parameters.as_ref(), "parameters")
    }
}

fn decode_opt<T: DeserializeOwned>(v: Option<&Value>, what: &str) -> crate::Result<Option<T>> {
    let Some(v) = v else { return Ok(None) };
    serde_path_to_error::deserialize::<_, T>(v)
        .map(Some)
        .map_err(|e| {
            let path = e.path().to_string();
            crate::Error::Decode {
                status: reqwest::StatusCode::OK,
                path: if path == "." {
                    what.to_owned()
                } else {
                    format!("{what}.{path}")
                },
                kind: "unexpected type or value".to_owned(),
                body: Default::default(),
            }
        })
}

/// Query of `GET /activities/`.
#[derive(Clone, Default, Serialize)]
#[non_exhaustive]
pub struct ActivitiesQuery {
    /// Only the sub-activities of this (batch) activity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// How many activities to return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// How many activities to skip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

redacted_debug!(ActivitiesQuery {
    show: [parent_id, limit, offset],
    shape: [],
});

impl ActivitiesQuery {
    /// An empty query (all activities of the application).
    pub fn new() -> Self {
        Self::default()
    }

    /// Only the sub-activities of `parent_id`.
    #[must_use]
    pub fn parent_id(mut self, parent_id: impl Into<String>) -> Self {
        self.parent_id = Some(parent_id.into());
        self
    }

    /// Sets `limit`.
    #[must_use]
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Sets `offset`.
    #[must_use]
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }
}

/// Body of `PUT /activities/{id}`: a transition to apply. The only documented one is
/// [`ActivityUpdate::cancel`] (`{"transition": "cancel"}`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ActivityUpdate {
    /// The transition to apply.
    pub transition: ActivityTransition,
    /// Other keys to send.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ActivityUpdate {
    show: [transition],
    shape: [extra],
});

impl ActivityUpdate {
    /// A transition.
    pub fn new(transition: ActivityTransition) -> Self {
        ActivityUpdate {
            transition,
            extra: Extra::new(),
        }
    }

    /// `{"transition": "cancel"}`.
    pub fn cancel() -> Self {
        Self::new(ActivityTransition::Cancel)
    }
}
