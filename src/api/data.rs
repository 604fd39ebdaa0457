//! See the module docs of [`crate::api`].
//!
//! Reference data: prices, procedure codes, ICD conversion, plans, providers, trading
//! partners, payers.

use crate::models::data::{
    CashPrice, IcdConversion, InsurancePrices, MpcQuery, Payer, PayersQuery, Plan, PlansQuery,
    PriceQuery, ProcedureCode, ProviderResult, ProvidersQuery, TradingPartner,
};
use crate::{ApiResponse, Page, PokitDok, Result, path_segment};

impl PokitDok {
    /// Cash prices of the consumer-friendly procedures matching a CPT code in a ZIP code area
    /// (`GET /prices/cash`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::data::PriceQuery;
    /// let prices = pd.cash_prices(&PriceQuery::new("99385", "29412")).await?;
    /// for p in &prices.data {
    ///     println!("{:?}: {:?}", p.procedure_description, p.average_price);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub async fn cash_prices(&self, query: &PriceQuery) -> Result<Page<CashPrice>> {
        self.page("/prices/cash", query).await
    }

    /// Insurance price statistics for a CPT code in a ZIP code area
    /// (`GET /prices/insurance`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::data::PriceQuery;
    /// let prices = pd.insurance_prices(&PriceQuery::new("99203", "94401")).await?;
    /// for a in &prices.data.amounts {
    ///     println!("{:?} {:?}: {:?}", a.payer_type, a.payment_type, a.median_price);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub async fn insurance_prices(
        &self,
        query: &PriceQuery,
    ) -> Result<ApiResponse<InsurancePrices>> {
        self.get("/prices/insurance").query(query).send_as().await
    }

    /// Searches medical procedure codes by name or description (`GET /mpc/`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::data::MpcQuery;
    /// let codes = pd.mpc(&MpcQuery::default().name("office")).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub async fn mpc(&self, query: &MpcQuery) -> Result<Page<ProcedureCode>> {
        self.page("/mpc/", query).await
    }

    /// One medical procedure code (`GET /mpc/{code}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let code = pd.mpc_code("99213").await?;
    /// println!("{:?}", code.data.name);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty code, `.` or `..`; otherwise as for any request.
    pub async fn mpc_code(&self, code: &str) -> Result<ApiResponse<ProcedureCode>> {
        self.get(format!("/mpc/{}", path_segment(code)?))
            .send_as()
            .await
    }

    /// How an ICD-9 code maps to ICD-10 (`GET /icd/convert/{code}`, e.g. `250.12`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let conversion = pd.icd_convert("250.12").await?;
    /// for scenario in &conversion.data.destination_scenarios {
    ///     println!("{} choice lists", scenario.choice_lists.len());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty code, `.` or `..`; otherwise as for any request.
    pub async fn icd_convert(&self, code: &str) -> Result<ApiResponse<IcdConversion>> {
        self.get(format!("/icd/convert/{}", path_segment(code)?))
            .send_as()
            .await
    }

    /// Searches insurance plans (`GET /plans/`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::data::PlansQuery;
    /// let plans = pd.plans(&PlansQuery::default().state("SC").plan_type("PPO")).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub async fn plans(&self, query: &PlansQuery) -> Result<Page<Plan>> {
        self.page("/plans/", query).await
    }

    /// Searches providers (`GET /providers/`). Follow further pages with
    /// [`Page::next_page`] or [`Page::stream`].
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::data::ProvidersQuery;
    /// let q = ProvidersQuery::default().zipcode("29307").specialty("rheumatology").limit(20);
    /// let page = pd.providers(&q).await?;
    /// for r in &page.data {
    ///     if let Some(p) = &r.provider {
    ///         println!("{} {:?}", p.display_name(), p.npi);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub async fn providers(&self, query: &ProvidersQuery) -> Result<Page<ProviderResult>> {
        self.page("/providers/", query).await
    }

    /// One provider by NPI (`GET /providers/{npi}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let p = pd.provider("1467560003").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty NPI, `.` or `..`; otherwise as for any request.
    pub async fn provider(&self, npi: &str) -> Result<ApiResponse<ProviderResult>> {
        self.get(format!("/providers/{}", path_segment(npi)?))
            .send_as()
            .await
    }

    /// Lists the trading partners (`GET /tradingpartners/`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let partners = pd.trading_partners().await?;
    /// for tp in &partners.data {
    ///     println!("{:?} {:?}", tp.id, tp.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub async fn trading_partners(&self) -> Result<Page<TradingPartner>> {
        self.page("/tradingpartners/", &[] as &[(&str, &str)]).await
    }

    /// One trading partner, with enrollment, monitoring and fee details
    /// (`GET /tradingpartners/{id}`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let aetna = pd.trading_partner("aetna").await?;
    /// println!("{:?}", aetna.data.supported_search_options);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty id, `.` or `..`; otherwise as for any request.
    pub async fn trading_partner(&self, id: &str) -> Result<ApiResponse<TradingPartner>> {
        self.get(format!("/tradingpartners/{}", path_segment(id)?))
            .send_as()
            .await
    }

    /// Lists payers (`GET /payers/`). Deprecated by the platform in favour of trading
    /// partners.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// #[allow(deprecated)]
    /// let payers = pd.payers(&Default::default()).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    #[deprecated(note = "use trading_partners: /payers/ is deprecated by the platform")]
    pub async fn payers(&self, query: &PayersQuery) -> Result<Page<Payer>> {
        self.page("/payers/", query).await
    }
}
