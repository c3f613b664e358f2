//! The TLS configuration of the client's own `reqwest::Client` (feature `rustls`).
//!
//! rustls with the aws-lc-rs crypto provider (reqwest's), or the process's default provider when the
//! application installed one (`CryptoProvider::install_default`). Servers are checked against
//! the platform's roots (rustls-platform-verifier) plus the roots the builder adds.

use std::fmt;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};
use secrecy::{ExposeSecret, SecretSlice};

/// What the builder collected; turned into a `ClientConfig` by [`TlsOptions::client_config`].
#[derive(Default)]
pub(crate) struct TlsOptions {
    /// Certificates in PEM or DER, as given.
    pub(crate) roots: Vec<Vec<u8>>,
    /// The client certificate chain (PEM) and its private key (PEM).
    pub(crate) identity: Option<(Vec<u8>, SecretSlice<u8>)>,
    pub(crate) accept_invalid_certificates: bool,
}

impl TlsOptions {
    pub(crate) fn is_default(&self) -> bool {
        self.roots.is_empty() && self.identity.is_none() && !self.accept_invalid_certificates
    }

    pub(crate) fn client_config(&self) -> Result<ClientConfig, String> {
        let provider = CryptoProvider::get_default()
            .cloned()
            .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS cannot start: {e}"))?
            .dangerous();
        let builder = if self.accept_invalid_certificates {
            builder.with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate(provider)))
        } else {
            let roots = self.root_certificates()?;
            let verifier = platform_verifier(roots, provider)
                .map_err(|e| format!("the TLS roots cannot be loaded: {e}"))?;
            builder.with_custom_certificate_verifier(Arc::new(verifier))
        };
        let mut config = match &self.identity {
            None => builder.with_no_client_auth(),
            Some((chain, key)) => {
                let chain = certificates(chain, "the client certificate")?;
                let key = PrivateKeyDer::from_pem_slice(key.expose_secret()).map_err(|_| {
                    "the client certificate's private key is not a PEM private key (PKCS#8, PKCS#1 or SEC1)".to_owned()
                })?;
                builder
                    .with_client_auth_cert(chain, key)
                    .map_err(|e| format!("the client certificate cannot be used: {e}"))?
            }
        };
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(config)
    }

    fn root_certificates(&self) -> Result<Vec<CertificateDer<'static>>, String> {
        let mut roots = Vec::new();
        for (i, cert) in self.roots.iter().enumerate() {
            let what = format!("root certificate #{}", i + 1);
            if cert.windows(10).any(|w| w == b"-----BEGIN") {
                roots.extend(certificates(cert, &what)?);
            } else if cert.first() == Some(&0x30) {
                roots.push(CertificateDer::from(cert.clone()));
            } else {
                return Err(format!("{what} is neither PEM nor DER"));
            }
        }
        Ok(roots)
    }
}

/// The certificates of a PEM text; at least one.
fn certificates(pem: &[u8], what: &str) -> Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{what} is not valid PEM: {e}"))?;
    if certs.is_empty() {
        return Err(format!("{what} holds no CERTIFICATE block"));
    }
    Ok(certs)
}

#[cfg(any(all(unix, not(target_os = "android")), target_os = "windows"))]
fn platform_verifier(
    roots: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if roots.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        rustls_platform_verifier::Verifier::new_with_extra_roots(roots, provider)
    }
}

#[cfg(not(any(all(unix, not(target_os = "android")), target_os = "windows")))]
fn platform_verifier(
    roots: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if roots.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        Err(rustls::Error::General(
            "extra root certificates are not supported on this platform".into(),
        ))
    }
}

/// Accepts any server certificate (the handshake's signatures are still checked, so the
/// connection is encrypted, but to whoever answers).
struct AcceptAnyCertificate(Arc<CryptoProvider>);

impl fmt::Debug for AcceptAnyCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AcceptAnyCertificate")
    }
}

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
