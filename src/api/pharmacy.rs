//! See the module docs of [`crate::api`].
//!
//! Pharmacy (Medicare Part C/D): plans, formulary, network, coverage, drug cost.

use crate::models::common::OneOrMany;
use crate::models::pharmacy::{
    DrugCost, FormularyDrug, Pharmacy, PharmacyCoverage, PharmacyCoverageRequest,
    PharmacyDrugCostQuery, PharmacyFormularyQuery, PharmacyNetworkNpiQuery, PharmacyNetworkQuery,
    PharmacyPlan, PharmacyPlansQuery,
};
use reqwest::Method;

use crate::{ApiResponse, Call, Page, PokitDok, path_segment};

impl PokitDok {
    /// Prescription drug plans (`GET /pharmacy/plans`).
    ///
    /// The platform answers with a list; an older version answered with a single plan, which
    /// is returned as a one-plan page. The endpoint is not paginated.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::pharmacy::PharmacyPlansQuery;
    /// let q = PharmacyPlansQuery::new("medicare_national").plan_number("S5820003");
    /// let plans = pd.pharmacy_plans(&q).await?;
    /// for p in &plans.data {
    ///     println!("{:?}: premium {:?}", p.plan_name, p.premium);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub fn pharmacy_plans(&self, query: &PharmacyPlansQuery) -> Call<Page<PharmacyPlan>> {
        Call::new(self.get("/pharmacy/plans").query(query), |r| async {
            let r = r.send_as::<OneOrMany<PharmacyPlan>>().await?;
            Ok(Page::new(r.meta, r.data.0))
        })
    }

    /// A plan's formulary entries for a drug (`GET /pharmacy/formulary`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::pharmacy::PharmacyFormularyQuery;
    /// let q = PharmacyFormularyQuery::new("medicare_national")
    ///     .plan_number("S5820003")
    ///     .drug("simvastatin");
    /// let drugs = pd.pharmacy_formulary(&q).await?;
    /// for d in &drugs.data {
    ///     println!("{:?}: tier {:?}", d.drug, d.tier);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub fn pharmacy_formulary(&self, query: &PharmacyFormularyQuery) -> Call<Page<FormularyDrug>> {
        self.page("/pharmacy/formulary", query)
    }

    /// Searches in-network pharmacies (`GET /pharmacy/network`, the path the Python client and
    /// the documented example use).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::pharmacy::PharmacyNetworkQuery;
    /// let q = PharmacyNetworkQuery::new("medicare_national")
    ///     .plan_number("S5820003")
    ///     .zipcode("07030")
    ///     .radius("1mi");
    /// let pharmacies = pd.pharmacies(&q).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    #[doc(alias = "pharmacy_network")]
    pub fn pharmacies(&self, query: &PharmacyNetworkQuery) -> Call<Page<Pharmacy>> {
        self.page("/pharmacy/network", query)
    }

    /// One pharmacy by NPI and whether it is in the plan's network
    /// (`GET /pharmacy/network/{npi}`). The platform answers with a one-element list.
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::pharmacy::PharmacyNetworkNpiQuery;
    /// let q = PharmacyNetworkNpiQuery::new("medicare_national").plan_number("S5820003");
    /// let r = pd.pharmacy("1427382266", &q).await?;
    /// println!("in network: {:?}", r.data.first().and_then(|p| p.in_network));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::Config`] for an empty NPI, `.` or `..`; otherwise as for any request.
    #[doc(alias = "pharmacy_network")]
    #[doc(alias = "pharmacy_network_npi")]
    pub fn pharmacy(
        &self,
        npi: &str,
        query: &PharmacyNetworkNpiQuery,
    ) -> Call<ApiResponse<Vec<Pharmacy>>> {
        let path = path_segment(npi).map(|npi| format!("/pharmacy/network/{npi}"));
        Call::data(self.request_at(Method::GET, path).query(query))
    }

    /// Coverage and patient cost of drugs, as a pharmacy claim check
    /// (`POST /pharmacy/coverage`).
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::pharmacy::*;
    /// let req = PharmacyCoverageRequest::new(
    ///     "0000000000",
    ///     Prescriber::new("1111111111", "Jones"),
    ///     CoverageMember::new("Smith", "19000101", PharmacyGender::NotKnown),
    ///     CoverageInsurance::new("my_bin", "my_pcn", "my_id", "my_group"),
    ///     vec![CoverageDrug::new("46122006965", 30)],
    /// );
    /// let coverage = pd.pharmacy_coverage(&req).await?;
    /// for d in &coverage.data.drugs {
    ///     println!("{:?}: {:?}", d.ndc, d.patient_pay_amount.as_ref().and_then(|a| a.display.clone()));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub fn pharmacy_coverage(
        &self,
        req: &PharmacyCoverageRequest,
    ) -> Call<ApiResponse<PharmacyCoverage>> {
        Call::data(self.post("/pharmacy/coverage").json(req))
    }

    /// Cost of a drug under a plan (`GET /pharmacy/drug/cost`). This endpoint was documented
    /// on an unpublished page and later merged into the formulary by the platform; prefer
    /// [`PokitDok::pharmacy_formulary`]. A second unpublished page names the path
    /// `/pharmacy/drugcost`: see [`PokitDok::pharmacy_drugcost`].
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::pharmacy::PharmacyDrugCostQuery;
    /// let q = PharmacyDrugCostQuery::new("medicare_national", "S5820003").drug("simvastatin");
    /// let costs = pd.pharmacy_drug_cost(&q).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub fn pharmacy_drug_cost(&self, query: &PharmacyDrugCostQuery) -> Call<Page<DrugCost>> {
        self.page("/pharmacy/drug/cost", query)
    }

    /// Cost of a drug under a plan at the other documented path, `GET /pharmacy/drugcost`
    /// (same query and answer as [`PokitDok::pharmacy_drug_cost`]; that page also documents
    /// `is_covered`). Both pages were unpublished and the
    /// platform later merged drug costs into the formulary; prefer
    /// [`PokitDok::pharmacy_formulary`].
    ///
    /// ```no_run
    /// # async fn run(pd: pokitdok::PokitDok) -> pokitdok::Result<()> {
    /// use pokitdok::models::pharmacy::PharmacyDrugCostQuery;
    /// let q = PharmacyDrugCostQuery::new("medicare_national", "S5820003").drug("simvastatin");
    /// let costs = pd.pharmacy_drugcost(&q).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As for any request ([`crate::Error`]).
    pub fn pharmacy_drugcost(&self, query: &PharmacyDrugCostQuery) -> Call<Page<DrugCost>> {
        self.page("/pharmacy/drugcost", query)
    }
}
