//! TLS (RELIABILITY.md case 31): a certificate the client does not trust (self-signed, for
//! another host, expired) and a server that speaks only TLS 1.0 or 1.1 are refused, reported as
//! `Error::is_tls`, and never retried: each server sees exactly one connection per call.
//!
//! The servers are OpenSSL (the `openssl` crate: rustls cannot serve TLS 1.0/1.1) on plain
//! threads, with certificates made by rcgen. Each has a positive control (a client that trusts
//! the certificate, or that accepts TLS 1.1) so that a refusal is known to come from the check
//! under test and not from a broken server.
#![cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use openssl::pkey::PKey;
use openssl::ssl::{SslAcceptor, SslConnector, SslMethod, SslOptions, SslVerifyMode, SslVersion};
use openssl::x509::X509;
use pokitdok::{Error, PokitDok, Token};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};

const BODY: &str = r#"{"meta": {"activity_id": "a1"}, "data": [{"id": "tp"}]}"#;

/// A certificate and its key, as PEM.
struct Leaf {
    cert: String,
    key: String,
}

/// A test certificate authority.
struct Ca {
    issuer: Issuer<'static, KeyPair>,
    pem: String,
}

impl Ca {
    fn new() -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(DnType::CommonName, "pokitdok test CA");
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().unwrap();
        let pem = params.self_signed(&key).unwrap().pem();
        Ca {
            issuer: Issuer::new(params, key),
            pem,
        }
    }

    /// A server certificate for `names`, valid now unless `expired`.
    fn leaf(&self, names: &[&str], expired: bool) -> Leaf {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut params = CertificateParams::new(names).unwrap();
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        if expired {
            params.not_before = rcgen::date_time_ymd(2001, 1, 1);
            params.not_after = rcgen::date_time_ymd(2002, 1, 1);
        }
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap().pem();
        Leaf {
            cert,
            key: key.serialize_pem(),
        }
    }
}

fn self_signed(names: &[&str]) -> Leaf {
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let ck = rcgen::generate_simple_self_signed(names).unwrap();
    Leaf {
        cert: ck.cert.pem(),
        key: ck.signing_key.serialize_pem(),
    }
}

/// An HTTPS server answering every request with `BODY`, on 127.0.0.1.
struct Server {
    port: u16,
    /// TCP connections accepted: one per handshake attempt.
    connections: Arc<AtomicUsize>,
    /// Handshakes that succeeded.
    handshakes: Arc<AtomicUsize>,
}

impl Server {
    /// A server with OpenSSL's defaults for TLS 1.2 and 1.3.
    fn modern(leaf: &Leaf) -> Server {
        Server::start(leaf, None)
    }

    /// A server that speaks only `version` (TLS 1.0 or 1.1), with the ciphers of that time.
    fn legacy(leaf: &Leaf, version: SslVersion) -> Server {
        Server::start(leaf, Some(version))
    }

    fn start(leaf: &Leaf, only: Option<SslVersion>) -> Server {
        let mut b = SslAcceptor::mozilla_intermediate(SslMethod::tls_server()).unwrap();
        b.set_certificate(&X509::from_pem(leaf.cert.as_bytes()).unwrap())
            .unwrap();
        b.set_private_key(&PKey::private_key_from_pem(leaf.key.as_bytes()).unwrap())
            .unwrap();
        if let Some(v) = only {
            b.clear_options(SslOptions::NO_TLSV1 | SslOptions::NO_TLSV1_1);
            b.set_min_proto_version(Some(v)).unwrap();
            b.set_max_proto_version(Some(v)).unwrap();
            // TLS 1.0/1.1 sign with SHA-1, which OpenSSL 3 allows only at security level 0.
            b.set_security_level(0);
            b.set_cipher_list("DEFAULT@SECLEVEL=0").unwrap();
        }
        let acceptor = Arc::new(b.build());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let handshakes = Arc::new(AtomicUsize::new(0));
        let (c, h) = (connections.clone(), handshakes.clone());
        // The accept loop lives as long as the test process; each connection gets a thread.
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                c.fetch_add(1, Ordering::SeqCst);
                let (acceptor, h) = (acceptor.clone(), h.clone());
                std::thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
                    let Ok(mut tls) = acceptor.accept(stream) else {
                        return;
                    };
                    h.fetch_add(1, Ordering::SeqCst);
                    answer(&mut tls);
                });
            }
        });
        Server {
            port,
            connections,
            handshakes,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    fn handshakes(&self) -> usize {
        self.handshakes.load(Ordering::SeqCst)
    }
}

/// Reads one request head and answers it (the client sends no body: GETs only).
fn answer(tls: &mut impl ReadWrite) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match tls.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let _ = write!(
        tls,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{BODY}",
        BODY.len()
    );
    let _ = tls.flush();
}

trait ReadWrite: Read + Write {}
impl<T: Read + Write> ReadWrite for T {}

/// The client as an application builds it (its own TLS configuration), holding a saved token
/// so that the API request is the first connection.
fn default_client(base: &str) -> PokitDok {
    PokitDok::builder()
        .base_url(base)
        .token(Token::new("saved-token", None))
        .build()
        .unwrap()
}

/// A reqwest client that trusts only `ca`, with the TLS 1.2 floor, for the positive controls
/// and the wrong-host and expired cases (a certificate that is trusted but wrong).
fn trusting(ca: &str) -> reqwest::ClientBuilder {
    let b = reqwest::Client::builder();
    #[cfg(any(feature = "rustls", feature = "rustls-ring"))]
    let b = b.tls_backend_rustls();
    #[cfg(not(any(feature = "rustls", feature = "rustls-ring")))]
    let b = b.tls_backend_native();
    b.tls_certs_only([reqwest::Certificate::from_pem(ca.as_bytes()).unwrap()])
        .tls_version_min(reqwest::tls::Version::TLS_1_2)
        .redirect(reqwest::redirect::Policy::none())
}

/// A client over `http` (the one place that hands a reqwest client to the builder).
fn client_over(http: reqwest::ClientBuilder, base: &str) -> PokitDok {
    PokitDok::builder()
        .http_client(http)
        .base_url(base)
        .token(Token::new("saved-token", None))
        .build()
        .unwrap()
}

/// One GET that must fail in TLS, after exactly one connection to `server`.
async fn refused(pd: &PokitDok, server: &Server) -> Error {
    let before = server.connections();
    let e = pd.get("/tradingpartners/").send().await.unwrap_err();
    assert!(e.is_tls(), "not recognised as TLS: {e:?}");
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    assert_eq!(
        server.connections() - before,
        1,
        "exactly one handshake: a TLS failure is never retried"
    );
    assert_eq!(server.handshakes(), 0, "no handshake completed");
    e
}

#[tokio::test]
async fn a_self_signed_certificate_is_refused_and_not_retried() {
    let server = Server::modern(&self_signed(&["localhost", "127.0.0.1"]));
    for host in ["localhost", "127.0.0.1"] {
        let pd = default_client(&format!("https://{host}:{}", server.port));
        let e = refused(&pd, &server).await;
        // The handshake failed, so the request was never sent.
        assert!(e.is_connect(), "{e:?}");
    }
}

#[tokio::test]
async fn the_token_request_to_an_untrusted_server_is_refused_once_too() {
    let server = Server::modern(&self_signed(&["localhost"]));
    let pd = PokitDok::builder()
        .client_id("tls-client")
        .client_secret("tls-secret-sentinel")
        .base_url(format!("https://localhost:{}", server.port))
        .build()
        .unwrap();
    let e = refused(&pd, &server).await;
    assert!(!format!("{e:?} {e}").contains("tls-secret-sentinel"));
}

#[tokio::test]
async fn a_certificate_for_another_host_is_refused_and_the_right_one_accepted() {
    let ca = Ca::new();
    let wrong = Server::modern(&ca.leaf(&["platform.pokitdok.invalid"], false));
    for host in ["localhost", "127.0.0.1"] {
        let pd = client_over(trusting(&ca.pem), &format!("https://{host}:{}", wrong.port));
        refused(&pd, &wrong).await;
    }
    // Control: the same CA, the same client setup, a certificate for the hosts dialled.
    let right = Server::modern(&ca.leaf(&["localhost", "127.0.0.1"], false));
    for host in ["localhost", "127.0.0.1"] {
        let pd = client_over(trusting(&ca.pem), &format!("https://{host}:{}", right.port));
        let r = pd.get("/tradingpartners/").send().await.unwrap();
        assert_eq!(r.data[0]["id"], "tp");
    }
    assert_eq!(right.handshakes(), 2);
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    let ca = Ca::new();
    let server = Server::modern(&ca.leaf(&["localhost"], true));
    let pd = client_over(
        trusting(&ca.pem),
        &format!("https://localhost:{}", server.port),
    );
    refused(&pd, &server).await;
}

/// Control for the legacy servers: they really serve `version` to a client that allows it.
fn legacy_handshake_works(server: &Server, version: SslVersion, name: &str) {
    let mut b = SslConnector::builder(SslMethod::tls_client()).unwrap();
    b.set_verify(SslVerifyMode::NONE);
    b.set_min_proto_version(Some(version)).unwrap();
    b.set_max_proto_version(Some(version)).unwrap();
    b.set_security_level(0);
    b.set_cipher_list("DEFAULT@SECLEVEL=0").unwrap();
    let tcp = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let mut tls = b.build().connect("localhost", tcp).unwrap();
    assert_eq!(tls.ssl().version_str(), name);
    write!(tls, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut answer = String::new();
    let _ = tls.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn a_server_that_speaks_only_tls_1_0_or_1_1_is_refused_and_not_retried() {
    let ca = Ca::new();
    // A certificate the client trusts, for the right host: the version is the only fault.
    let leaf = ca.leaf(&["localhost", "127.0.0.1"], false);
    for (version, name) in [(SslVersion::TLS1, "TLSv1"), (SslVersion::TLS1_1, "TLSv1.1")] {
        let server = Server::legacy(&leaf, version);
        legacy_handshake_works(&server, version, name);
        server.handshakes.store(0, Ordering::SeqCst);
        // The client as built by the crate (its TLS 1.2 floor), and one over a reqwest client
        // that trusts the certificate: both refuse, once.
        let pd = default_client(&format!("https://localhost:{}", server.port));
        refused(&pd, &server).await;
        let pd = client_over(
            trusting(&ca.pem),
            &format!("https://127.0.0.1:{}", server.port),
        );
        refused(&pd, &server).await;
    }
}

/// The native-tls backend's errors are recognised too (a reqwest client using it, as an
/// application with the `native-tls` feature would get).
#[cfg(feature = "native-tls")]
#[tokio::test]
async fn native_tls_failures_are_recognised() {
    let native = || {
        reqwest::Client::builder()
            .tls_backend_native()
            .tls_version_min(reqwest::tls::Version::TLS_1_2)
            .redirect(reqwest::redirect::Policy::none())
    };
    let untrusted = Server::modern(&self_signed(&["localhost"]));
    let pd = client_over(native(), &format!("https://localhost:{}", untrusted.port));
    refused(&pd, &untrusted).await;
    let ca = Ca::new();
    let legacy = Server::legacy(&ca.leaf(&["localhost"], false), SslVersion::TLS1_1);
    let pd = client_over(native(), &format!("https://localhost:{}", legacy.port));
    refused(&pd, &legacy).await;
}

#[tokio::test]
async fn other_failures_are_not_tls() {
    // Connection refused: nothing listens on the port any more.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let pd = default_client(&format!("https://127.0.0.1:{port}"));
    let e = pd.get("/tradingpartners/").send().await.unwrap_err();
    assert!(e.is_connect() && !e.is_tls(), "{e:?}");
    // A plain HTTP server where TLS was expected: the handshake breaks on its answer, a TLS
    // protocol failure.
    let plain = TcpListener::bind("127.0.0.1:0").unwrap();
    let plain_port = plain.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in plain.incoming().flatten() {
            let mut s = s;
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let pd = default_client(&format!("https://127.0.0.1:{plain_port}"));
    let e = pd.get("/tradingpartners/").send().await.unwrap_err();
    assert!(e.is_tls(), "plain HTTP where TLS was expected: {e:?}");
    // And errors that are not transport failures at all.
    assert!(!pokitdok::path_segment("..").unwrap_err().is_tls());
}
