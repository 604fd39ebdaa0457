use std::future::IntoFuture;
fn main() {
    let pd = pokitdok::PokitDok::builder()
        .client_id("a")
        .client_secret("b")
        .build()
        .unwrap();
    let f = pd.get("/eligibility/").send();
    println!("send future: {}", std::mem::size_of_val(&f));
    let req = pokitdok::models::eligibility::EligibilityRequest::new(
        pokitdok::models::Member::new("W000000000", "Jane", "Doe", "1970-01-25"),
        pokitdok::models::Provider::person("1467560003", "JEROME", "AYA-AY"),
        "MOCKPAYER",
    );
    let c = pd.eligibility(&req);
    println!("call: {}", std::mem::size_of_val(&c));
    let f = c.into_future();
    println!("boxed: {}", std::mem::size_of_val(&*f));
}
