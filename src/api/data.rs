//! See the module docs of [`crate::api`].
//!
//! Reference data: prices, procedure codes, ICD conversion, plans, providers, trading
//! partners, payers.

use crate::models::data::{
    CashPrice, IcdConversion, InsurancePrices, MpcQuery, Payer, PayersQuery, Plan, PlansQuery,
    PriceQuery, ProcedureCode, ProviderResult, ProvidersQuery, TradingPartner,
};
use reqwest::Method;

use crate::{ApiResponse, Call, Page, PokitDok, Result, path_segment};

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
    pub fn cash_prices(&self, query: &PriceQuery) -> Call<Page<CashPrice>> {
        self.page("/prices/cash", query)
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
    pub fn insurance_prices(&self, query: &PriceQuery) -> Call<ApiResponse<InsurancePrices>> {
        Call::data(self.get("/prices/insurance").query(query))
    }

    /// Searches medical procedure codes by name or description (`GET /mpc/`); the Python client's `mpc`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::data::MpcQuery;
    /// let codes = pd.procedure_codes(&MpcQuery::default().name("office")).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    #[doc(alias = "mpc")]
    pub fn procedure_codes(&self, query: &MpcQuery) -> Call<Page<ProcedureCode>> {
        self.page("/mpc/", query)
    }

    /// One medical procedure code (`GET /mpc/{code}`); the Python client's `mpc(code)`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let code = pd.procedure_code("99213").await?;
    /// println!("{:?}", code.data.name);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty code, `.` or `..`; otherwise as for any request.
    #[doc(alias = "mpc")]
    #[doc(alias = "mpc_code")]
    pub fn procedure_code(&self, code: &str) -> Call<ApiResponse<ProcedureCode>> {
        Call::data(self.request_at(Method::GET, under("/mpc", code)))
    }

    /// How an ICD-9 code maps to ICD-10 (`GET /icd/convert/{code}`, e.g. `250.12`); the Python
    /// client's `icd_convert`.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// let conversion = pd.icd_conversion("250.12").await?;
    /// for scenario in &conversion.data.destination_scenarios {
    ///     println!("{} choice lists", scenario.choice_lists.len());
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty code, `.` or `..`; otherwise as for any request.
    #[doc(alias = "icd_convert")]
    pub fn icd_conversion(&self, code: &str) -> Call<ApiResponse<IcdConversion>> {
        Call::data(self.request_at(Method::GET, under("/icd/convert", code)))
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
    pub fn plans(&self, query: &PlansQuery) -> Call<Page<Plan>> {
        self.page("/plans/", query)
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
    pub fn providers(&self, query: &ProvidersQuery) -> Call<Page<ProviderResult>> {
        self.page("/providers/", query)
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
    #[doc(alias = "providers")]
    pub fn provider(&self, npi: &str) -> Call<ApiResponse<ProviderResult>> {
        Call::data(self.request_at(Method::GET, under("/providers", npi)))
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
    pub fn trading_partners(&self) -> Call<Page<TradingPartner>> {
        self.page("/tradingpartners/", &[] as &[(&str, &str)])
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
    #[doc(alias = "trading_partners")]
    pub fn trading_partner(&self, id: &str) -> Call<ApiResponse<TradingPartner>> {
        Call::data(self.request_at(Method::GET, under("/tradingpartners", id)))
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
    pub fn payers(&self, query: &PayersQuery) -> Call<Page<Payer>> {
        self.page("/payers/", query)
    }
}

/// `{base}/{id}` with `id` as one path segment.
fn under(base: &str, id: &str) -> Result<String> {
    Ok(format!("{base}/{}", path_segment(id)?))
}
