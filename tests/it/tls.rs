//! TLS against a real HTTPS server started here, with certificates made here (rcgen): a
//! private CA's certificate trusted with `add_root_certificate`, a client certificate (mutual
//! TLS), `danger_accept_invalid_certificates` (and its warning), `https_only`, and an
//! explicit proxy tunnelling `https://` calls. Everything runs on 127.0.0.1.

use crate::support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use semaphore_api::{AuthenticationApi, Client, Error};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

use semaphore_api::ErrorKind;
use semaphore_api::testkit::scripted::{Request, RequestReader, ScriptedServer};
use support::capture_trace;

/// A CA and a certificate it signed.
struct Pki {
    ca_pem: String,
    ca_der: Vec<u8>,
    cert_pem: String,
    key_pem: String,
}

fn ca(name: &str) -> (rcgen::Certificate, Issuer<'static, KeyPair>) {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let key = KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    (cert, Issuer::new(params, key))
}

/// A CA, and a certificate for `names` signed by it.
fn make_pki(ca_name: &str, names: &[&str]) -> Pki {
    let (ca_cert, issuer) = ca(ca_name);
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names).unwrap();
    params.use_authority_key_identifier_extension = true;
    let key = KeyPair::generate().unwrap();
    let cert = params.signed_by(&key, &issuer).unwrap();
    Pki {
        ca_pem: ca_cert.pem(),
        ca_der: ca_cert.der().to_vec(),
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    }
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// The server's TLS: its certificate from `server`, and client certificates required when
/// `client_ca` is given.
fn server_config(server: &Pki, client_ca: Option<&str>) -> Arc<rustls::ServerConfig> {
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(server.cert_pem.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
    let key = PrivateKeyDer::from_pem_slice(server.key_pem.as_bytes()).unwrap();
    let builder = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .unwrap();
    let builder = match client_ca {
        None => builder.with_no_client_auth(),
        Some(ca) => {
            let mut roots = rustls::RootCertStore::empty();
            for cert in CertificateDer::pem_slice_iter(ca.as_bytes()) {
                roots.add(cert.unwrap()).unwrap();
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(roots.into(), provider())
                .build()
                .unwrap();
            builder.with_client_cert_verifier(verifier)
        }
    };
    let mut config = builder.with_single_cert(chain, key).unwrap();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Arc::new(config)
}

/// An HTTPS server on 127.0.0.1 answering every request with one token.
struct TlsServer {
    port: u16,
    handshakes: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Request>>>,
    task: tokio::task::JoinHandle<()>,
}

impl TlsServer {
    async fn start(config: Arc<rustls::ServerConfig>) -> TlsServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let acceptor = tokio_rustls::TlsAcceptor::from(config);
        let handshakes = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let task = tokio::spawn({
            let (handshakes, requests) = (handshakes.clone(), requests.clone());
            async move {
                while let Ok((socket, _)) = listener.accept().await {
                    let (acceptor, handshakes) = (acceptor.clone(), handshakes.clone());
                    let requests = requests.clone();
                    tokio::spawn(async move {
                        let Ok(mut tls) = acceptor.accept(socket).await else {
                            return; // a refused handshake
                        };
                        handshakes.fetch_add(1, Ordering::SeqCst);
                        let mut reader = RequestReader::default();
                        while let Some(request) = reader.next(&mut tls).await {
                            requests.lock().unwrap().push(request);
                            let answer = format!(
                                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
                                semaphore_api::testkit::proxy::LISTING.len(),
                                semaphore_api::testkit::proxy::LISTING
                            );
                            if tls.write_all(answer.as_bytes()).await.is_err() {
                                return;
                            }
                        }
                    });
                }
            }
        });
        TlsServer {
            port,
            handshakes,
            requests,
            task,
        }
    }

    /// `https://localhost:PORT/api`: the name the certificates are made for.
    fn base_url(&self) -> String {
        format!("https://localhost:{}/api", self.port)
    }

    fn handshakes(&self) -> usize {
        self.handshakes.load(Ordering::SeqCst)
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The error and its causes in one line.
fn chain(error: &Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        text.push_str(&format!(": {e}"));
        source = e.source();
    }
    text
}

#[tokio::test]
async fn a_private_ca_is_trusted_once_its_certificate_is_added() {
    let pki = make_pki("Private CA", &["localhost"]);
    let server = TlsServer::start(server_config(&pki, None)).await;

    // The platform's roots do not know the private CA.
    let err = Client::new(server.base_url())
        .unwrap()
        .user_tokens_get()
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert!(chain(&err).contains("certificate"), "{}", chain(&err));
    assert_eq!(server.handshakes(), 0);

    // PEM, then DER.
    for root in [pki.ca_pem.as_bytes(), &pki.ca_der[..]] {
        let client = Client::builder(server.base_url())
            .add_root_certificate(root)
            .https_only()
            .build()
            .unwrap();
        assert_eq!(client.user_tokens_get().await.unwrap().len(), 1);
    }
    assert_eq!(server.handshakes(), 2);

    // Another CA's certificate does not help.
    let other = make_pki("Other CA", &["localhost"]);
    let err = Client::builder(server.base_url())
        .add_root_certificate(other.ca_pem)
        .build()
        .unwrap()
        .user_tokens_get()
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err:?}");

    // What is not a certificate is refused when the client is built.
    for bad in [
        &b"not a certificate"[..],
        b"-----BEGIN CERTIFICATE-----\nAAAA\n",
    ] {
        let err = Client::builder(server.base_url())
            .add_root_certificate(bad)
            .build()
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Config { .. }), "{err:?}");
        assert!(err.to_string().contains("root certificate #1"), "{err}");
    }
}

#[tokio::test]
async fn a_client_certificate_is_presented_to_a_server_that_asks() {
    let server_pki = make_pki("Server CA", &["localhost"]);
    let client_pki = make_pki("Client CA", &["automation.example"]);
    let server = TlsServer::start(server_config(&server_pki, Some(&client_pki.ca_pem))).await;

    let without = Client::builder(server.base_url())
        .add_root_certificate(&server_pki.ca_pem)
        .build()
        .unwrap();
    let err = without.user_tokens_get().await.unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Transport { .. }),
        "a server requiring a client certificate accepted none: {err:?}"
    );

    let with = Client::builder(server.base_url())
        .add_root_certificate(&server_pki.ca_pem)
        .client_certificate(&client_pki.cert_pem, &client_pki.key_pem)
        .build()
        .unwrap();
    assert_eq!(with.user_tokens_get().await.unwrap().len(), 1);
    assert_eq!(server.handshakes(), 1);
    assert_eq!(server.requests.lock().unwrap().len(), 1);

    // The key stays out of Debug; a key that is not one is refused at build.
    let builder = Client::builder(server.base_url())
        .client_certificate(&client_pki.cert_pem, &client_pki.key_pem);
    let shown = format!("{builder:?}");
    let key_body = client_pki.key_pem.lines().nth(1).unwrap();
    assert!(!shown.contains(key_body), "{shown}");
    let err = Client::builder(server.base_url())
        .client_certificate(
            &client_pki.cert_pem,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        )
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("private key"), "{err}");
}

#[tokio::test]
async fn accepting_invalid_certificates_works_and_is_logged_once_per_client() {
    // Signed by nobody the client knows, for another name.
    let pki = make_pki("Unknown CA", &["other.example"]);
    let server = TlsServer::start(server_config(&pki, None)).await;
    let (trace, _guard) = capture_trace();

    let strict = Client::builder(server.base_url()).build().unwrap();
    assert!(strict.user_tokens_get().await.unwrap_err().is_connect());

    let lax = Client::builder(server.base_url())
        .danger_accept_invalid_certificates()
        .build()
        .unwrap();
    for _ in 0..3 {
        assert_eq!(lax.user_tokens_get().await.unwrap().len(), 1);
    }
    let warnings = trace.lines_with("certificate checking is OFF");
    assert_eq!(warnings.len(), 1, "{}", trace.text());
    assert!(warnings[0].contains("WARN"), "{}", warnings[0]);
    let _second = Client::builder(server.base_url())
        .danger_accept_invalid_certificates()
        .build()
        .unwrap();
    assert_eq!(trace.lines_with("certificate checking is OFF").len(), 2);
    assert!(format!("{lax:?}").contains("Client"));
}

#[tokio::test]
async fn https_only_refuses_plain_http_when_the_client_is_built() {
    for base in [
        "http://semaphore.example/api",
        "http://semaphore.example:3000/api",
        "http://127.0.0.1:3000/api",
    ] {
        let err = Client::builder(base)
            .bearer_token("tok-Secret-1")
            .https_only()
            .build()
            .unwrap_err();
        let ErrorKind::Config { reason } = err.kind() else {
            panic!("{base}: {err:?}")
        };
        let https = base.replace("http://", "https://").replace("/api", "");
        assert!(reason.contains(&https), "{base}: {reason}");
        assert!(reason.contains("add_root_certificate"), "{reason}");
        assert!(!reason.contains("tok-Secret-1"), "{reason}");
    }

    let pki = make_pki("Private CA", &["localhost"]);
    let server = TlsServer::start(server_config(&pki, None)).await;
    let client = Client::builder(server.base_url())
        .https_only()
        .add_root_certificate(&pki.ca_pem)
        .build()
        .unwrap();
    assert_eq!(client.user_tokens_get().await.unwrap().len(), 1);
}

/// A host that does not resolve is reached through the proxy, which tunnels to the same port on
/// 127.0.0.1: the certificate is checked for the name the client was given.
#[tokio::test]
async fn a_host_that_is_not_loopback_is_reached_through_the_proxys_tunnel() {
    let pki = make_pki("Private CA", &["semaphore.invalid"]);
    let server = TlsServer::start(server_config(&pki, None)).await;
    let proxy = ScriptedServer::forward_proxy().await;
    let client = Client::builder(format!("https://semaphore.invalid:{}/api", server.port))
        .add_root_certificate(&pki.ca_pem)
        .proxy(proxy.origin().as_str())
        .build()
        .unwrap();
    assert_eq!(client.user_tokens_get().await.unwrap().len(), 1);
    let seen = proxy.requests();
    assert_eq!(seen[0].method, "CONNECT");
    assert_eq!(seen[0].target, format!("semaphore.invalid:{}", server.port));
    assert_eq!(server.requests.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn an_explicit_proxy_tunnels_https_and_never_sees_the_credentials() {
    let pki = make_pki("Private CA", &["localhost"]);
    let server = TlsServer::start(server_config(&pki, None)).await;
    let proxy = ScriptedServer::forward_proxy().await;
    let proxy_url = proxy
        .origin()
        .replace("http://", "http://proxyuser:proxy-Secret-2b@");
    let builder = Client::builder(server.base_url())
        .bearer_token("bearer-Secret-3c")
        .add_root_certificate(&pki.ca_pem)
        .proxy(proxy_url.as_str());
    assert!(!format!("{builder:?}").contains("proxy-Secret-2b"));
    let client = builder.build().unwrap();
    assert_eq!(client.user_tokens_get().await.unwrap().len(), 1);

    let seen = proxy.requests();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].method, "CONNECT");
    assert_eq!(seen[0].target, format!("localhost:{}", server.port));
    assert!(
        seen[0]
            .header("proxy-authorization")
            .is_some_and(|a| a.starts_with("Basic "))
    );
    assert!(!seen[0].credentials_in_clear());
    // The server got the call, with the bearer token, through the tunnel.
    let requests = server.requests.lock().unwrap().clone();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].header("authorization"),
        Some("Bearer bearer-Secret-3c")
    );

    // A proxy URL that is not one is refused at build, without its password.
    let err = Client::builder(server.base_url())
        .proxy("http://user:pw-Secret-4d@[bad")
        .build()
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Config { .. }), "{err:?}");
    assert!(
        !format!("{err} {err:?}").contains("pw-Secret-4d"),
        "{err:?}"
    );
}
