//! Inventories of every type the server makes: static, static YAML, and a file in the
//! repository.

use std::future::Future;

use semaphore_api::*;

use crate::conformance::cycle::{Holds, ReadBack, Resource, every_order};
use crate::conformance::made::Made;
use crate::conformance::run::{Named, Run, Step, call};

pub struct Inventories;

impl Resource for Inventories {
    const NAME: &'static str = "inventory";
    type Item = Inventory;
    type Listed = Inventory;
    type Id = InventoryId;
    type Order = (InventorySort, SortOrder);

    fn id(inventory: &Inventory) -> InventoryId {
        inventory.id
    }

    async fn create(&self, run: &mut Run, made: &mut Made) -> Step {
        for (name, kind, content) in [
            (
                "Static",
                InventoryType::Static,
                "[local]\nlocalhost ansible_connection=local\n",
            ),
            (
                "Static YAML",
                InventoryType::StaticYaml,
                "all:\n  hosts:\n    localhost:\n      ansible_connection: local\n",
            ),
            ("File", InventoryType::File, "inventory.ini"),
        ] {
            let request = InventoryRequest {
                // a key is only used by tasks: the file inventory, never run, has the SSH one
                ssh_key_id: Some(if kind == InventoryType::File {
                    made.ssh_key
                } else {
                    made.none_key
                }),
                ..InventoryRequest::new(name, kind.clone(), content)
            };
            let inventory = run
                .ok(call!(
                    made.client
                        .project_project_id_inventory_post(made.id(), &request)
                ))
                .await?;
            run.same("created inventory's type", &inventory.r#type, &kind);
            made.inventories.push(inventory);
        }
        Ok(())
    }

    fn orders(&self) -> Vec<Self::Order> {
        every_order(&[InventorySort::Name])
    }

    fn list(
        &self,
        made: &Made,
        (sort, order): Self::Order,
    ) -> Named<impl Future<Output = Result<Vec<Inventory>>>> {
        call!(
            made.client
                .project_project_id_inventory_get(made.id(), Some(sort), Some(order))
        )
    }

    fn holds(&self, made: &Made) -> Holds<InventoryId> {
        Holds::Exactly(made.inventories.len())
    }

    fn to_read(&self, made: &Made) -> Vec<Inventory> {
        made.inventories.clone()
    }

    fn read(&self, made: &Made, id: InventoryId) -> Named<impl Future<Output = Result<Inventory>>> {
        call!(
            made.client
                .project_project_id_inventory_inventory_id_get(made.id(), id)
        )
    }

    /// The static inventory, renamed and given the login key as its become key.
    fn to_update(&self, made: &Made) -> Vec<Inventory> {
        let mut wanted = made.inventories[0].clone();
        wanted.name = "Static renamed".into();
        wanted.become_key_id = Some(made.login_key);
        vec![wanted]
    }

    async fn put(&self, run: &mut Run, made: &Made, wanted: &Inventory) -> Step {
        let request = InventoryRequest::from(wanted);
        run.ok(call!(
            made.client.project_project_id_inventory_inventory_id_put(
                made.id(),
                wanted.id,
                &request
            )
        ))
        .await
    }

    const READ_BACK: ReadBack = ReadBack::InList;

    fn updated(&self, made: &mut Made, after: Inventory) {
        for inventory in &mut made.inventories {
            if inventory.id == after.id {
                *inventory = after.clone();
            }
        }
    }

    /// The static inventory's refs: the templates that use it.
    async fn check(&self, run: &mut Run, made: &mut Made) -> Step {
        let refs = run
            .ok(call!(
                made.client
                    .project_project_id_inventory_inventory_id_refs_get(
                        made.id(),
                        made.inventories[0].id
                    )
            ))
            .await?;
        run.check(!refs.templates.is_empty(), || {
            "the static inventory's templates".into()
        });
        Ok(())
    }

    async fn to_delete(&self, _run: &mut Run, made: &Made) -> Step<Vec<InventoryId>> {
        Ok(made.inventories.iter().map(|i| i.id).collect())
    }

    fn delete(&self, made: &Made, id: InventoryId) -> Named<impl Future<Output = Result<()>>> {
        call!(
            made.client
                .project_project_id_inventory_inventory_id_delete(made.id(), id)
        )
    }

    const LEFT: Option<usize> = Some(0);
}
