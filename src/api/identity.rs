//! Identity: identity resources and their history, Identity Match and Identity Proof (KBA).

use serde_json::Value;

use crate::models::common::OneOrMany;
use crate::models::common::Paging;
use crate::models::identity::{
    CanonicalRecord, Identity, IdentityHistoryEntry, IdentityMatchRequest, IdentityProofRequest,
    IdentityQuery, IdentityRequest, MatchConfig, MatchSource, MatchSubmitted, ProofAnswerRequest,
    ProofQuestionnaire, ProofReport, ProofReportQuery, ProofScore,
};
use reqwest::Method;

use crate::{ApiResponse, Call, Page, PokitDok, Result, path_segment};

impl PokitDok {
    /// Creates an identity resource (`POST /identity/`); the answer carries its `uuid`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::IdentityRequest;
    ///
    /// let mut req = IdentityRequest::person("Oscar", "Whitmire", "2000-05-25");
    /// req.email = Some("oscar@pokitdok.com".into());
    /// let created = pd.create_identity(&req).await?.data;
    /// println!("created {:?}", created.uuid);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn create_identity(&self, req: &IdentityRequest) -> Call<ApiResponse<Identity>> {
        Call::data(self.post("/identity/").json(req))
    }

    /// Updates an identity resource (`PUT /identity/{uuid}`); the answer is the updated
    /// resource.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::IdentityRequest;
    ///
    /// let mut req = IdentityRequest::person("Oscar", "Whitmire", "2000-05-25");
    /// req.email = Some("oscar.whitmire@pokitdok.com".into());
    /// pd.update_identity("881bc095-2068-43cb-9783-cce630364122", &req).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment
    /// (`""`, `.`, `..`); otherwise as for any request.
    pub fn update_identity(
        &self,
        uuid: &str,
        req: &IdentityRequest,
    ) -> Call<ApiResponse<Identity>> {
        Call::data(self.request_at(Method::PUT, identity_path(uuid)).json(req))
    }

    /// Searches identities (`GET /identity`). The platform redirects this path to
    /// `/identity/`; the client follows the redirect.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::IdentityQuery;
    ///
    /// let page = pd.identities(&IdentityQuery::name("Oscar", "Whitmire")).await?;
    /// println!("{} identities", page.data.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    #[doc(alias = "get_identity")]
    #[doc(alias = "search_identities")]
    pub fn identities(&self, query: &IdentityQuery) -> Call<Page<Identity>> {
        self.page("/identity", query)
    }

    /// An identity's single best record (`GET /identity/{uuid}`). The docs describe the answer
    /// both as one object and as "a list containing a single identity resource", so `data` is
    /// a list and either form is accepted.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let r = pd.identity("881bc095-2068-43cb-9783-cce630364122").await?;
    /// let best = r.data.first();
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    #[doc(alias = "get_identity")]
    pub fn identity(&self, uuid: &str) -> Call<ApiResponse<Vec<Identity>>> {
        Call::new(
            self.request_at(Method::GET, identity_path(uuid)),
            |r| async {
                let r = r.send_as::<OneOrMany<Identity>>().await?;
                Ok(r.map(|d| d.0))
            },
        )
    }

    /// An identity's change history: insert dates and version ids
    /// (`GET /identity/{uuid}/history`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let history = pd.identity_history("881bc095-2068-43cb-9783-cce630364122").await?;
    /// println!("{} versions", history.data.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    pub fn identity_history(&self, uuid: &str) -> Call<Page<IdentityHistoryEntry>> {
        let path = identity_path(uuid).map(|p| format!("{p}/history"));
        self.page_at(path, &Paging::default())
    }

    /// One historical version of an identity (`GET /identity/{uuid}/history/{version}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let v1 = pd
    ///     .identity_history_version("881bc095-2068-43cb-9783-cce630364122", "1")
    ///     .await?
    ///     .data;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id or version that cannot be a path
    /// segment; otherwise as for any request.
    #[doc(alias = "identity_history")]
    pub fn identity_history_version(
        &self,
        uuid: &str,
        version: &str,
    ) -> Call<ApiResponse<Identity>> {
        let path = join(identity_path(uuid), &["history"], Some(version));
        Call::data(self.request_at(Method::GET, path))
    }

    /// Starts an identity duplication job (`POST /identity/match`). The job runs
    /// asynchronously; the answer's `meta.activity_id` identifies it (the answer's `data` is
    /// not documented and is returned as JSON).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::IdentityMatchRequest;
    ///
    /// let r = pd.start_identity_match(&IdentityMatchRequest::name("Siena", "Hermann")).await?;
    /// println!("job {:?}", r.meta.activity_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    #[doc(alias = "identity_match")]
    pub fn start_identity_match(&self, req: &IdentityMatchRequest) -> Call<ApiResponse<Value>> {
        Call::data(self.post("/identity/match").json(req))
    }

    /// Lists the match configurations (`GET /identity/match_config/`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let page = pd.identity_match_configs(&Default::default()).await?;
    /// for c in &page.data {
    ///     println!("{:?} <- {:?}", c.algorithm_id, c.input_topic);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn identity_match_configs(&self, paging: &Paging) -> Call<Page<MatchConfig>> {
        self.page("/identity/match_config/", paging)
    }

    /// One match configuration, by uuid or algorithm id
    /// (`GET /identity/match_config/{uuid_or_algorithm_id}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let c = pd.identity_match_config("test_name_and_strong_id").await?.data;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    pub fn identity_match_config(
        &self,
        uuid_or_algorithm_id: &str,
    ) -> Call<ApiResponse<MatchConfig>> {
        let path = join(
            Ok("/identity/match_config".to_owned()),
            &[],
            Some(uuid_or_algorithm_id),
        );
        Call::data(self.request_at(Method::GET, path))
    }

    /// Submits an identity to a match configuration (`POST /identity/match/{algorithm_id}`);
    /// the answer holds the stored source document's id.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::IdentityMatchRequest;
    ///
    /// let req = IdentityMatchRequest::name("Siena", "Hermann").birth_date(1988, 5, 13);
    /// match pd.submit_identity_match("test_name_and_strong_id", &req).await {
    ///     Ok(r) => println!("source {:?}", r.data.source_id),
    ///     Err(pokitdok::Error::Validation { fields, .. }) => println!("invalid: {:?}", fields.keys()),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Validation`](crate::Error::Validation) when the platform refuses the document
    /// (nested fields are named `birth_date.month`); [`Error::Config`](crate::Error::Config)
    /// for an id that cannot be a path segment; otherwise as for any request.
    #[doc(alias = "identity_match_submit")]
    pub fn submit_identity_match(
        &self,
        algorithm_id: &str,
        req: &IdentityMatchRequest,
    ) -> Call<ApiResponse<MatchSubmitted>> {
        Call::data(
            self.request_at(Method::POST, match_path(algorithm_id))
                .json(req),
        )
    }

    /// A canonical identity of a match configuration
    /// (`GET /identity/match/{algorithm_id}/{canonical_id}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let c = pd
    ///     .identity_match_canonical("test_name_and_strong_id", "d92a6984-ee41-11e6-8973-82d1feccb5b2")
    ///     .await?
    ///     .data;
    /// println!("{} sources", c.sources.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    pub fn identity_match_canonical(
        &self,
        algorithm_id: &str,
        canonical_id: &str,
    ) -> Call<ApiResponse<CanonicalRecord>> {
        let path = join(match_path(algorithm_id), &[], Some(canonical_id));
        Call::data(self.request_at(Method::GET, path))
    }

    /// The source documents merged into a canonical identity
    /// (`GET /identity/match/{algorithm_id}/{canonical_id}/sources`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let sources = pd
    ///     .identity_match_canonical_sources("test_name_and_strong_id", "d92a6984-ee41-11e6-8973-82d1feccb5b2")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    pub fn identity_match_canonical_sources(
        &self,
        algorithm_id: &str,
        canonical_id: &str,
    ) -> Call<Page<MatchSource>> {
        let path =
            join(match_path(algorithm_id), &[], Some(canonical_id)).map(|p| format!("{p}/sources"));
        self.page_at(path, &Paging::default())
    }

    /// A source document (`GET /identity/match/{algorithm_id}/source/{source_id}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let s = pd
    ///     .identity_match_source("test_name_and_strong_id", "908908ce-ef69-11e6-8304-92b49a60ff89")
    ///     .await?
    ///     .data;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    pub fn identity_match_source(
        &self,
        algorithm_id: &str,
        source_id: &str,
    ) -> Call<ApiResponse<MatchSource>> {
        let path = join(match_path(algorithm_id), &["source"], Some(source_id));
        Call::data(self.request_at(Method::GET, path))
    }

    /// The canonical identities a source document was associated with
    /// (`GET /identity/match/{algorithm_id}/source/{source_id}/canonical`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let page = pd
    ///     .identity_match_source_canonical("test_name_and_strong_id", "d8fa22d8-ee41-11e6-9b4e-02cfa09edce7")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    pub fn identity_match_source_canonical(
        &self,
        algorithm_id: &str,
        source_id: &str,
    ) -> Call<Page<CanonicalRecord>> {
        let path = join(match_path(algorithm_id), &["source"], Some(source_id))
            .map(|p| format!("{p}/canonical"));
        self.page_at(path, &Paging::default())
    }

    /// Ad-hoc matching: the canonical identity `req` matches, without storing anything
    /// (`POST /identity/match/{algorithm_id}/find`). `data` is `None` when the platform
    /// answers `{}` (no match).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::IdentityMatchRequest;
    ///
    /// let req = IdentityMatchRequest::name("Siena", "Hermann");
    /// match pd.find_identity_match("test_name_and_strong_id", &req).await?.data {
    ///     Some(c) => println!("matches {:?}", c.record_id),
    ///     None => println!("no match"),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    #[doc(alias = "identity_match_find")]
    pub fn find_identity_match(
        &self,
        algorithm_id: &str,
        req: &IdentityMatchRequest,
    ) -> Call<ApiResponse<Option<CanonicalRecord>>> {
        let path = match_path(algorithm_id).map(|p| format!("{p}/find"));
        Call::new(self.request_at(Method::POST, path).json(req), |r| async {
            let r = r.send_as::<Option<CanonicalRecord>>().await?;
            Ok(r.map(|d| d.filter(|c| !c.is_empty())))
        })
    }

    /// Checks the identity fields a person gave (`POST /identity/proof/valid/`): whether a
    /// matching identity exists (`is_valid`) and can be verified with questions
    /// (`is_verifiable`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::{DateParts, IdentityProofRequest};
    ///
    /// let req = IdentityProofRequest::new("Gary", "Hopkins", DateParts::new(1982, 8, 3)).ssn("1234");
    /// let v = pd.validate_identity(&req).await?.data;
    /// println!("valid: {:?}", v.is_valid);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request (400 for missing or invalid fields).
    pub fn validate_identity(
        &self,
        req: &IdentityProofRequest,
    ) -> Call<ApiResponse<ProofQuestionnaire>> {
        Call::data(self.post("/identity/proof/valid/").json(req))
    }

    /// Generates a KBA questionnaire (`POST /identity/proof/questions/generate/`). A
    /// VERIFIABLE identity gets its first `question`; questionnaires expire after 25 minutes,
    /// and the identity is locked for 12 hours afterwards.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::{DateParts, IdentityProofRequest};
    ///
    /// let req = IdentityProofRequest::new("Gary", "Hopkins", DateParts::new(1982, 8, 3)).ssn("1234");
    /// let q = pd.create_proof_questionnaire(&req).await?.data;
    /// if let Some(question) = &q.question {
    ///     println!("{:?}", question.text);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Forbidden`](crate::Error::Forbidden) while the identity is locked; otherwise
    /// as for any request.
    pub fn create_proof_questionnaire(
        &self,
        req: &IdentityProofRequest,
    ) -> Call<ApiResponse<ProofQuestionnaire>> {
        Call::data(self.post("/identity/proof/questions/generate/").json(req))
    }

    /// Scores the answer to a KBA question (`POST /identity/proof/questions/score/`):
    /// `SUCCESS`, `FAILURE` (with `next_attempt`) or `PENDING` (with the next `question`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::ProofAnswerRequest;
    ///
    /// let score = pd
    ///     .answer_proof_question(&ProofAnswerRequest::new("a9ec1381-5ad6-499b-a3a6-644ece186363", 1, 2))
    ///     .await?
    ///     .data;
    /// println!("{:?}", score.status);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn answer_proof_question(&self, req: &ProofAnswerRequest) -> Call<ApiResponse<ProofScore>> {
        Call::data(self.post("/identity/proof/questions/score/").json(req))
    }

    /// A report on past KBA questionnaires (`GET /identity/proof/report`): records, or CSV
    /// text with `csv: Some(true)`. Without parameters it covers the last 24 hours.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::ProofReport;
    ///
    /// if let ProofReport::Records(records) = pd.identity_proof_report(&Default::default()).await?.data {
    ///     println!("{} questionnaires", records.len());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub fn identity_proof_report(
        &self,
        query: &ProofReportQuery,
    ) -> Call<ApiResponse<ProofReport>> {
        Call::data(self.get("/identity/proof/report").query(query))
    }
}

fn identity_path(uuid: &str) -> Result<String> {
    Ok(format!("/identity/{}", path_segment(uuid)?))
}

fn match_path(algorithm_id: &str) -> Result<String> {
    Ok(format!("/identity/match/{}", path_segment(algorithm_id)?))
}

/// `base`, then the fixed segments `fixed`, then `id` as one path segment.
fn join(base: Result<String>, fixed: &[&str], id: Option<&str>) -> Result<String> {
    let mut path = base?;
    for seg in fixed {
        path.push('/');
        path.push_str(seg);
    }
    if let Some(id) = id {
        path.push('/');
        path.push_str(&path_segment(id)?);
    }
    Ok(path)
}
