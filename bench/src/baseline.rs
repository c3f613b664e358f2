//! What a careful person writes by hand with reqwest for the same four calls: the same
//! headers, the same percent-encoding of the path segment, the same per-request timeout, the
//! same status checks and the same model types.

use std::time::Duration;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use semaphore_api::{ApiToken, Login, LoginMetadata};

const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
const TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct Failed;

pub struct HandWritten {
    pub http: reqwest::Client,
    pub base: String,
    pub token: String,
}

impl HandWritten {
    pub async fn login_metadata(&self) -> Result<LoginMetadata, Failed> {
        let response = self
            .http
            .get(format!("{}/auth/login", self.base))
            .header(reqwest::header::ACCEPT, "application/json")
            .timeout(TIMEOUT)
            .send()
            .await
            .map_err(|_| Failed)?;
        if !response.status().is_success() {
            return Err(Failed);
        }
        let body = response.bytes().await.map_err(|_| Failed)?;
        serde_json::from_slice(&body).map_err(|_| Failed)
    }

    pub async fn login(&self, login: &Login) -> Result<(), Failed> {
        let response = self
            .http
            .post(format!("{}/auth/login", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(login).map_err(|_| Failed)?)
            .timeout(TIMEOUT)
            .send()
            .await
            .map_err(|_| Failed)?;
        if !response.status().is_success() {
            return Err(Failed);
        }
        response.bytes().await.map_err(|_| Failed)?;
        Ok(())
    }

    pub async fn tokens(&self) -> Result<Vec<ApiToken>, Failed> {
        let response = self
            .http
            .get(format!("{}/user/tokens", self.base))
            .header(reqwest::header::ACCEPT, "application/json")
            .bearer_auth(&self.token)
            .timeout(TIMEOUT)
            .send()
            .await
            .map_err(|_| Failed)?;
        if !response.status().is_success() {
            return Err(Failed);
        }
        let body = response.bytes().await.map_err(|_| Failed)?;
        serde_json::from_slice(&body).map_err(|_| Failed)
    }

    pub async fn expire(&self, id: &str) -> Result<(), Failed> {
        let url = format!(
            "{}/user/tokens/{}",
            self.base,
            utf8_percent_encode(id, SEGMENT)
        );
        let response = self
            .http
            .delete(url)
            .bearer_auth(&self.token)
            .timeout(TIMEOUT)
            .send()
            .await
            .map_err(|_| Failed)?;
        if !response.status().is_success() {
            return Err(Failed);
        }
        response.bytes().await.map_err(|_| Failed)?;
        Ok(())
    }
}
