//! The trait stays a plain trait: a test double implements it by hand, with `async fn`.

use semaphore_api::{ApiToken, Result, semaphore_api};

#[semaphore_api]
pub trait Tokens {
    /// Doc comments are kept on the trait.
    #[get("/user/tokens")]
    async fn api_tokens(&self) -> Result<Vec<ApiToken>>;

    #[delete("/user/tokens/{id}")]
    async fn expire(&self, id: &str) -> Result<()>;
}

#[derive(Default)]
struct Fake {
    expired: std::sync::Mutex<Vec<String>>,
}

impl Tokens for Fake {
    async fn api_tokens(&self) -> Result<Vec<ApiToken>> {
        Ok(vec![ApiToken::default()])
    }

    async fn expire(&self, id: &str) -> Result<()> {
        self.expired.lock().unwrap().push(id.to_owned());
        Ok(())
    }
}

/// Code written against the trait works with the client and with the double.
async fn expire_all(api: &impl Tokens) -> Result<usize> {
    let tokens = api.api_tokens().await?;
    for token in &tokens {
        api.expire(token.id.expose_secret()).await?;
    }
    Ok(tokens.len())
}

pub fn main() {
    let fake = Fake::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(runtime.block_on(expire_all(&fake)).unwrap(), 1);
    assert_eq!(fake.expired.lock().unwrap().len(), 1);
    let _with_the_client = |client: semaphore_api::Client| async move { expire_all(&client).await };
}
