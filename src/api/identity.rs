//! Identity: identity resources and their history, Identity Match and Identity Proof (KBA).

use serde_json::Value;

use crate::models::common::OneOrMany;
use crate::models::common::Paging;
use crate::models::identity::{
    CanonicalRecord, Identity, IdentityHistoryEntry, IdentityMatchRequest, IdentityProofRequest,
    IdentityQuery, IdentityRequest, MatchConfig, MatchSource, MatchSubmitted, ProofAnswerRequest,
    ProofQuestionnaire, ProofReport, ProofReportQuery, ProofScore,
};
use crate::{ApiResponse, Page, PokitDok, Result, path_segment};

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
    pub async fn create_identity(&self, req: &IdentityRequest) -> Result<ApiResponse<Identity>> {
        self.post("/identity/").json(req).send_as().await
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
    pub async fn update_identity(
        &self,
        uuid: &str,
        req: &IdentityRequest,
    ) -> Result<ApiResponse<Identity>> {
        self.put(identity_path(uuid)?).json(req).send_as().await
    }

    /// Searches identities (`GET /identity`). The platform redirects this path to
    /// `/identity/`; the client follows the redirect.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::IdentityQuery;
    ///
    /// let page = pd.get_identity(&IdentityQuery::name("Oscar", "Whitmire")).await?;
    /// println!("{} identities", page.data.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub async fn get_identity(&self, query: &IdentityQuery) -> Result<Page<Identity>> {
        self.page("/identity", query).await
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
    pub async fn identity(&self, uuid: &str) -> Result<ApiResponse<Vec<Identity>>> {
        let r = self
            .get(identity_path(uuid)?)
            .send_as::<OneOrMany<Identity>>()
            .await?;
        Ok(r.map(|d| d.0))
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
    pub async fn identity_history(&self, uuid: &str) -> Result<Page<IdentityHistoryEntry>> {
        let path = format!("{}/history", identity_path(uuid)?);
        self.page(&path, &Paging::default()).await
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
    pub async fn identity_history_version(
        &self,
        uuid: &str,
        version: &str,
    ) -> Result<ApiResponse<Identity>> {
        self.get(format!(
            "{}/history/{}",
            identity_path(uuid)?,
            path_segment(version)?
        ))
        .send_as()
        .await
    }

    /// Starts an identity duplication job (`POST /identity/match`). The job runs
    /// asynchronously; the answer's `meta.activity_id` identifies it (the answer's `data` is
    /// not documented and is returned as JSON).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::IdentityMatchRequest;
    ///
    /// let r = pd.identity_match(&IdentityMatchRequest::name("Siena", "Hermann")).await?;
    /// println!("job {:?}", r.meta.activity_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request.
    pub async fn identity_match(&self, req: &IdentityMatchRequest) -> Result<ApiResponse<Value>> {
        self.post("/identity/match").json(req).send_as().await
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
    pub async fn identity_match_configs(&self, paging: &Paging) -> Result<Page<MatchConfig>> {
        self.page("/identity/match_config/", paging).await
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
    pub async fn identity_match_config(
        &self,
        uuid_or_algorithm_id: &str,
    ) -> Result<ApiResponse<MatchConfig>> {
        self.get(format!(
            "/identity/match_config/{}",
            path_segment(uuid_or_algorithm_id)?
        ))
        .send_as()
        .await
    }

    /// Submits an identity to a match configuration (`POST /identity/match/{algorithm_id}`);
    /// the answer holds the stored source document's id.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::identity::IdentityMatchRequest;
    ///
    /// let req = IdentityMatchRequest::name("Siena", "Hermann").birth_date(1988, 5, 13);
    /// match pd.identity_match_submit("test_name_and_strong_id", &req).await {
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
    pub async fn identity_match_submit(
        &self,
        algorithm_id: &str,
        req: &IdentityMatchRequest,
    ) -> Result<ApiResponse<MatchSubmitted>> {
        self.post(match_path(algorithm_id)?)
            .json(req)
            .send_as()
            .await
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
    pub async fn identity_match_canonical(
        &self,
        algorithm_id: &str,
        canonical_id: &str,
    ) -> Result<ApiResponse<CanonicalRecord>> {
        self.get(format!(
            "{}/{}",
            match_path(algorithm_id)?,
            path_segment(canonical_id)?
        ))
        .send_as()
        .await
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
    pub async fn identity_match_canonical_sources(
        &self,
        algorithm_id: &str,
        canonical_id: &str,
    ) -> Result<Page<MatchSource>> {
        let path = format!(
            "{}/{}/sources",
            match_path(algorithm_id)?,
            path_segment(canonical_id)?
        );
        self.page(&path, &Paging::default()).await
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
    pub async fn identity_match_source(
        &self,
        algorithm_id: &str,
        source_id: &str,
    ) -> Result<ApiResponse<MatchSource>> {
        self.get(format!(
            "{}/source/{}",
            match_path(algorithm_id)?,
            path_segment(source_id)?
        ))
        .send_as()
        .await
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
    pub async fn identity_match_source_canonical(
        &self,
        algorithm_id: &str,
        source_id: &str,
    ) -> Result<Page<CanonicalRecord>> {
        let path = format!(
            "{}/source/{}/canonical",
            match_path(algorithm_id)?,
            path_segment(source_id)?
        );
        self.page(&path, &Paging::default()).await
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
    /// match pd.identity_match_find("test_name_and_strong_id", &req).await?.data {
    ///     Some(c) => println!("matches {:?}", c.record_id),
    ///     None => println!("no match"),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) for an id that cannot be a path segment;
    /// otherwise as for any request.
    pub async fn identity_match_find(
        &self,
        algorithm_id: &str,
        req: &IdentityMatchRequest,
    ) -> Result<ApiResponse<Option<CanonicalRecord>>> {
        let r = self
            .post(format!("{}/find", match_path(algorithm_id)?))
            .json(req)
            .send_as::<Option<CanonicalRecord>>()
            .await?;
        Ok(r.map(|d| d.filter(|c| !c.is_empty())))
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
    pub async fn validate_identity(
        &self,
        req: &IdentityProofRequest,
    ) -> Result<ApiResponse<ProofQuestionnaire>> {
        self.post("/identity/proof/valid/")
            .json(req)
            .send_as()
            .await
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
    pub async fn create_proof_questionnaire(
        &self,
        req: &IdentityProofRequest,
    ) -> Result<ApiResponse<ProofQuestionnaire>> {
        self.post("/identity/proof/questions/generate/")
            .json(req)
            .send_as()
            .await
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
    pub async fn answer_proof_question(
        &self,
        req: &ProofAnswerRequest,
    ) -> Result<ApiResponse<ProofScore>> {
        self.post("/identity/proof/questions/score/")
            .json(req)
            .send_as()
            .await
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
    pub async fn identity_proof_report(
        &self,
        query: &ProofReportQuery,
    ) -> Result<ApiResponse<ProofReport>> {
        self.get("/identity/proof/report")
            .query(query)
            .send_as()
            .await
    }
}

fn identity_path(uuid: &str) -> Result<String> {
    Ok(format!("/identity/{}", path_segment(uuid)?))
}

fn match_path(algorithm_id: &str) -> Result<String> {
    Ok(format!("/identity/match/{}", path_segment(algorithm_id)?))
}
