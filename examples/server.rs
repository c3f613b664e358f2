//! Where the examples run: the server that `SEMAPHORE_URL` names, or a stand-in started in
//! this process when it is unset.

use semaphore_api::testkit::{DEFAULT_PASSWORD, DEFAULT_USER, StandIn};
use semaphore_api::{AuthenticationApi, Client, Login};

/// The server an example talks to, and the user it logs in as.
pub struct Server {
    /// The API's base URL, e.g. `http://localhost:3000/api`.
    pub url: String,
    /// The login name.
    pub user: String,
    /// The password.
    pub password: String,
    // Kept alive as long as the server: dropping it stops the stand-in.
    stand_in: Option<StandIn>,
}

impl Server {
    /// `SEMAPHORE_URL` with `SEMAPHORE_USER` (`admin` by default) and `SEMAPHORE_PASSWORD`,
    /// or, when `SEMAPHORE_URL` is unset, a stand-in server and its default user. Prints one
    /// line saying which.
    pub async fn from_env() -> Result<Server, Box<dyn std::error::Error>> {
        let Ok(url) = std::env::var("SEMAPHORE_URL") else {
            let stand_in = StandIn::start().await?;
            println!(
                "SEMAPHORE_URL is not set: talking to a local stand-in server at {} (not a real Semaphore).",
                stand_in.url()
            );
            return Ok(Server {
                url: stand_in.url(),
                user: DEFAULT_USER.to_owned(),
                password: DEFAULT_PASSWORD.to_owned(),
                stand_in: Some(stand_in),
            });
        };
        println!("Talking to the Semaphore server at {url} (SEMAPHORE_URL).");
        let user = std::env::var("SEMAPHORE_USER").unwrap_or_else(|_| "admin".into());
        let password = std::env::var("SEMAPHORE_PASSWORD")
            .map_err(|_| "SEMAPHORE_URL is set: set SEMAPHORE_PASSWORD (and SEMAPHORE_USER) too")?;
        Ok(Server {
            url,
            user,
            password,
            stand_in: None,
        })
    }

    /// Whether this is the in-process stand-in rather than a real Semaphore.
    pub fn is_stand_in(&self) -> bool {
        self.stand_in.is_some()
    }

    /// A client of this server with a logged-in session.
    pub async fn login(&self) -> semaphore_api::Result<Client> {
        let client = Client::new(&self.url)?;
        client
            .auth_login_post(&Login::new(self.user.as_str(), self.password.as_str()))
            .await?;
        Ok(client)
    }
}
