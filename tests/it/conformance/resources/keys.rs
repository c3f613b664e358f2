//! Access keys of every type (`login_password` twice: a login and a vault password), beside
//! the `None` key the server makes with every project.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, ReadBack, Resource, every_order};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, Stop, call};

pub struct Keys;

impl Resource for Keys {
    const NAME: &'static str = "key";
    type Item = AccessKey;
    type Listed = AccessKey;
    type Id = KeyId;
    type Order = (AccessKeySort, SortOrder);

    fn id(key: &AccessKey) -> KeyId {
        key.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        for request in [
            AccessKeyRequest::ssh("SSH key", SshKey::new("root", "fake-private-key")),
            AccessKeyRequest::login_password("Login", "deploy", "fake-password-3"),
            AccessKeyRequest::login_password("Vault password", "", "fake-password-3"),
            AccessKeyRequest::none("Nothing"),
        ] {
            run.ok(call!(
                made.client
                    .project_project_id_keys_post(made.id(), &request)
            ))
            .await?;
        }
        Ok(())
    }

    fn orders(&self) -> Vec<Self::Order> {
        every_order(&[AccessKeySort::Name, AccessKeySort::Type])
    }

    fn list(
        &self,
        made: &Made,
        (sort, order): Self::Order,
    ) -> Named<impl Future<Output = Result<Vec<AccessKey>>>> {
        call!(
            made.client
                .project_project_id_keys_get(made.id(), Some(sort), Some(order))
        )
    }

    /// The four made and the server's `None` key.
    fn holds(&self, _made: &Made) -> Holds<KeyId> {
        Holds::Exactly(5)
    }

    fn listed(&self, run: &mut Run, made: &mut Made, keys: Vec<AccessKey>) -> Step {
        let id = |name: &str| {
            keys.iter()
                .find(|k| k.name == name)
                .map(|k| k.id)
                .ok_or_else(|| Stop(format!("key {name} not listed")))
        };
        made.none_key = id("None")?;
        made.ssh_key = id("SSH key")?;
        made.login_key = id("Login")?;
        made.vault_key = id("Vault password")?;
        // the server never sends a key's secret back
        let login = keys.iter().find(|k| k.id == made.login_key);
        run.same(
            "login key's secret in answers",
            login.map(|k| &k.login_password),
            Some(&LoginPassword::default()),
        );
        made.keys = keys;
        Ok(())
    }

    fn to_read(&self, made: &Made) -> Vec<AccessKey> {
        made.keys.clone()
    }

    fn read(&self, made: &Made, id: KeyId) -> Named<impl Future<Output = Result<AccessKey>>> {
        call!(
            made.client
                .project_project_id_keys_key_id_get(made.id(), id)
        )
    }

    /// Compared by what a list shows of it.
    fn was_read(&self, run: &mut Run, _made: &mut Made, known: &AccessKey, read: AccessKey) {
        run.same(
            "key read alone",
            (&read.id, &read.name, &read.r#type),
            (&known.id, &known.name, &known.r#type),
        );
    }

    fn to_update(&self, made: &Made) -> Vec<AccessKey> {
        let login = made.keys.iter().find(|k| k.id == made.login_key);
        let mut wanted = login.cloned().unwrap_or_default();
        wanted.name = "Login renamed".into();
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &AccessKey) -> Step {
        let request = AccessKeyRequest::from(wanted);
        run.ok(call!(made.client.project_project_id_keys_key_id_put(
            made.id(),
            wanted.id,
            &request
        )))
        .await
    }

    const READ_BACK: ReadBack = ReadBack::InList;

    fn updated(&self, made: &mut Made, after: AccessKey) {
        for key in &mut made.keys {
            if key.id == after.id {
                *key = after.clone();
            }
        }
    }

    /// The `None` key's refs: the repository and the inventories that use it.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        let refs = run
            .ok(call!(made.client.project_project_id_keys_key_id_refs_get(
                made.id(),
                made.none_key
            )))
            .await?;
        run.check(
            !refs.repositories.is_empty() && !refs.inventories.is_empty(),
            || format!("the None key's refs miss its repository and inventories: {refs:?}"),
        );
        Ok(())
    }

    /// Every key listed now but the server's `None` key.
    async fn to_delete(&self, run: &mut Run, made: &Made) -> Step<Vec<KeyId>> {
        let order = self.orders()[0];
        let keys = run.ok(self.list(made, order)).await?;
        let deleted = keys.iter().filter(|k| k.name != "None");
        Ok(deleted.map(|k| k.id).collect())
    }

    fn delete(&self, made: &Made, id: KeyId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_keys_key_id_delete(made.id(), id)
        )
    }

    const LEFT: Option<usize> = Some(1);
}
