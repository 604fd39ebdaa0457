//! Upload a raw X12 file (e.g. a batch of 270 eligibility requests) with `POST /files/` and
//! print the activity that processes it.
//!
//! ```text
//! cargo run --example x12_file                 # against the embedded sandbox
//! POKITDOK_CLIENT_ID=... POKITDOK_CLIENT_SECRET=... cargo run --example x12_file -- [FILE] [TRADING_PARTNER_ID]
//! ```
//! Without `POKITDOK_CLIENT_ID` the example starts the embedded sandbox (`pokitdok_sandbox`)
//! and runs against it.
//! Without `FILE` a small built-in 270 (one test member, trading partner `MOCKPAYER`) is sent.
//! `TRADING_PARTNER_ID` defaults to `MOCKPAYER`. `POKITDOK_BASE_URL` (optional) points it at
//! another platform.

#[path = "support/mod.rs"]
mod support;

use pokitdok::models::X12File;

/// A minimal 270 (eligibility inquiry) for the MOCKPAYER test trading partner.
const SAMPLE_270: &str = "ISA*00*          *00*          *ZZ*POKITDOKTEST   *ZZ*MOCKPAYER      \
*160525*1200*^*00501*000000001*0*T*:~\
GS*HS*POKITDOKTEST*MOCKPAYER*20160525*1200*1*X*005010X279A1~\
ST*270*0001*005010X279A1~\
BHT*0022*13*10001234*20160525*1200~\
HL*1**20*1~\
NM1*PR*2*MOCKPAYER*****PI*MOCKPAYER~\
HL*2*1*21*1~\
NM1*1P*1*AYA-AY*JEROME****XX*1467560003~\
HL*3*2*22*0~\
TRN*1*93175-012547*9877281234~\
NM1*IL*1*DOE*JANE****MI*W000000000~\
DMG*D8*19700125~\
DTP*291*D8*20160525~\
EQ*30~\
SE*13*0001~\
GE*1*1~\
IEA*1*000000001~";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (pd, _sandbox) = support::client("x12_file").await;

    let mut args = std::env::args().skip(1);
    let file = match args.next() {
        Some(path) => X12File::from_path(path),
        None => X12File::from_bytes("sample.270", SAMPLE_270.as_bytes().to_vec()),
    };
    let trading_partner_id = args.next().unwrap_or_else(|| "MOCKPAYER".to_owned());

    println!(
        "uploading {} for trading partner {trading_partner_id} ...",
        file.file_name()
    );
    let r = pd.upload_x12_file(&trading_partner_id, &file, None).await?;
    let activity = r.data;
    let state = activity.state.as_ref();
    println!(
        "activity id: {}",
        activity.id.as_deref().unwrap_or("(none)")
    );
    println!(
        "state:       {} ({})",
        state
            .and_then(|s| s.name.as_ref())
            .map_or("(unknown)", |n| n.as_str()),
        state.and_then(|s| s.title.as_deref()).unwrap_or("")
    );
    if !activity.remaining_transitions.is_empty() {
        println!(
            "next steps:  {}",
            activity
                .remaining_transitions
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(" -> ")
        );
    }
    if let Some(id) = &activity.id {
        println!(
            "follow it with GET /activities/{id} and its transactions with GET /activities/?parent_id={id}"
        );
    }
    Ok(())
}
