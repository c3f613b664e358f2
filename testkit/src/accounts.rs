//! Who may log in: the stand-in's users and the OIDC providers on its login page.

use std::fmt;

/// A user of the stand-in.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    /// Login name; matched case-insensitively, like the email.
    pub username: String,
    /// Email address; also accepted as the login.
    pub email: String,
    /// Password (never shown by `Debug`).
    pub password: String,
    /// Whether the user is an administrator.
    pub admin: bool,
    /// Display name.
    pub name: String,
}

impl User {
    /// A user with a display name equal to the username.
    pub fn new(username: &str, email: &str, password: &str, admin: bool) -> Self {
        User {
            username: username.to_owned(),
            email: email.to_owned(),
            password: password.to_owned(),
            admin,
            name: username.to_owned(),
        }
    }
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("username", &self.username)
            .field("email", &self.email)
            .field("password", &"[REDACTED]")
            .field("admin", &self.admin)
            .finish()
    }
}

/// An OIDC provider shown on the login page.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcProvider {
    /// The id in `/auth/oidc/{id}/login`.
    pub id: String,
    /// The button's text.
    pub name: String,
    /// The button's color.
    pub color: String,
    /// The button's icon.
    pub icon: String,
    /// Where `/auth/oidc/{id}/login` redirects to (the provider's authorize endpoint).
    pub authorize_url: String,
    /// The OAuth client id put in that redirect.
    pub client_id: String,
    /// The stand-in cannot ask a provider to check a code: the redirect endpoint accepts this
    /// `code` (when its `state` matches the `oauthstate` cookie) and logs in `username`.
    /// `Debug` does not show the code.
    pub test_code: Option<(String, String)>,
}

impl fmt::Debug for OidcProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcProvider")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("color", &self.color)
            .field("icon", &self.icon)
            .field("authorize_url", &self.authorize_url)
            .field("client_id", &self.client_id)
            .field(
                "test_code",
                &self
                    .test_code
                    .as_ref()
                    .map(|(_, username)| ("[REDACTED]", username)),
            )
            .finish()
    }
}

impl OidcProvider {
    /// A provider with an authorize URL on `example.com`.
    pub fn new(id: &str, name: &str) -> Self {
        OidcProvider {
            id: id.to_owned(),
            name: name.to_owned(),
            color: "blue".to_owned(),
            icon: "login".to_owned(),
            authorize_url: format!("https://{id}.example.com/authorize"),
            client_id: format!("semaphore-{id}"),
            test_code: None,
        }
    }

    /// Lets the redirect endpoint log in `username` when it gets `code`.
    pub fn accept_code(mut self, code: &str, username: &str) -> Self {
        self.test_code = Some((code.to_owned(), username.to_owned()));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_passwords_and_test_codes() {
        let user = format!("{:?}", User::new("u", "u@x", "pa55word", false));
        assert!(!user.contains("pa55word"), "{user}");
        let provider = format!("{:?}", OidcProvider::new("p", "P").accept_code("c0de", "u"));
        assert!(
            !provider.contains("c0de") && provider.contains("\"u\""),
            "{provider}"
        );
    }
}
