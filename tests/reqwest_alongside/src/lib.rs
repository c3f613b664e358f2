//! An application that uses reqwest without its default features (no TLS of its own) and
//! semaphore-api with its defaults. Cargo unifies reqwest's features: the application's
//! `reqwest::Client` then has the TLS semaphore-api turns on, and must build without the
//! application installing anything (with reqwest's `rustls-no-provider` it panicked: "No
//! rustls crypto provider is configured").

#[cfg(test)]
mod tests {
    #[test]
    fn the_applications_own_reqwest_client_still_builds() {
        let client = reqwest::Client::new();
        drop(client);
        let built = reqwest::Client::builder().build();
        assert!(built.is_ok(), "{built:?}");
        // And semaphore-api's own client beside it.
        semaphore_api::Client::new("https://semaphore.example.com/api").unwrap();
    }
}
