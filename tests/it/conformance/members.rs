//! The project's members: the other user added with a role, listed in every sort, given
//! another role, read alone; leaving the project and added back as a guest; removed before
//! the project is.

use semaphore_api::*;

use super::made::Made;
use super::run::{Run, Step, call};

pub async fn members(run: &mut Run, made: &Made) -> Step {
    let (client, id, user) = (&made.client, made.id(), made.user.id);
    add(run, made, ProjectRole::TaskRunner).await?;
    for sort in [
        ProjectUserSort::Name,
        ProjectUserSort::Username,
        ProjectUserSort::Email,
        ProjectUserSort::Role,
    ] {
        for order in [SortOrder::Asc, SortOrder::Desc] {
            let members = run
                .ok(call!(client.project_project_id_users_get(
                    id,
                    Some(sort),
                    Some(order)
                )))
                .await?;
            run.same("project members", members.len(), 2);
        }
    }
    let manager = ProjectUserRoleRequest {
        role: ProjectRole::Manager,
    };
    run.ok(call!(
        client.project_project_id_users_user_id_put(id, user, &manager)
    ))
    .await?;
    let members = list(run, made).await?;
    run.check(
        members
            .iter()
            .any(|m| m.id == user && m.role == ProjectRole::Manager),
        || format!("project_project_id_users_user_id_put: role not changed: {members:?}"),
    );
    let role = run
        .ok(call!(client.project_project_id_role_get(id)))
        .await?;
    run.same("project_project_id_role_get", role.role, ProjectRole::Owner);
    let member = run
        .ok(call!(client.project_project_id_users_user_id_get(id, user)))
        .await?;
    run.same("a member, read", &member, &made.user);

    let as_user = &made.as_user;
    run.ok(call!(as_user.project_project_id_me_delete(id)))
        .await?;
    let members = list(run, made).await?;
    run.same("members after one left", members.len(), 1);
    add(run, made, ProjectRole::Guest).await
}

/// The member removed.
pub async fn remove(run: &mut Run, made: &Made) -> Step {
    let (client, id, user) = (&made.client, made.id(), made.user.id);
    run.ok(call!(
        client.project_project_id_users_user_id_delete(id, user)
    ))
    .await
}

/// The other user added to the project with `role`.
async fn add(run: &mut Run, made: &Made, role: ProjectRole) -> Step {
    let request = ProjectUserRequest {
        user_id: made.user.id,
        role,
    };
    run.ok(call!(
        made.client
            .project_project_id_users_post(made.id(), &request)
    ))
    .await
}

/// The members, by name.
async fn list(run: &mut Run, made: &Made) -> Step<Vec<ProjectUser>> {
    run.ok(call!(made.client.project_project_id_users_get(
        made.id(),
        Some(ProjectUserSort::Name),
        Some(SortOrder::Asc),
    )))
    .await
}
