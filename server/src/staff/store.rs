//! The SQL behind `app::staff::store::StaffStore`. Every admin change commits with its audit entry in one write
//! transaction; the audit table itself refuses UPDATE and DELETE (a trigger, `db::sqlite` / `db::postgres`).

use super::audit;
use crate::db::codec::Instant;
use crate::db::{self, on_backend, Pool, Tx};
use app::staff::keys::KeyScope;
use app::staff::model::Grant;
use app::staff::sign_in::Failures;
use app::staff::store::{
    Account, AuditEntry, Credentials, Enrolment, NewAccount, NewEnrolment, NewKey, NumberTaken, PartnerKey, SessionRow,
    SignInEvent, SignInOutcome, StaffStore,
};
use app::storage::StoreError;
use chrono::{DateTime, FixedOffset};
use sqlx::FromRow;
use std::collections::HashMap;

pub struct SqlStaff {
    pool: Pool,
}

impl SqlStaff {
    pub fn new(pool: Pool) -> Self {
        Self { pool }
    }
}

#[derive(FromRow)]
struct AccountRow {
    id: i64,
    staff_number: String,
    name: String,
    phone: String,
    disabled: bool,
    password_hash: Option<String>,
    totp_secret: Option<String>,
}

const ACCOUNT_COLUMNS: &str = "id, staff_number, name, phone, disabled, password_hash, totp_secret";

impl AccountRow {
    fn into_credentials(self, grants: Vec<Grant>) -> Credentials {
        Credentials {
            account: Account {
                id: self.id,
                enrolled: self.password_hash.is_some() && self.totp_secret.is_some(),
                staff_number: self.staff_number,
                name: self.name,
                phone: self.phone,
                disabled: self.disabled,
                grants,
            },
            password_hash: self.password_hash,
            totp_secret: self.totp_secret,
        }
    }
}

#[derive(FromRow)]
struct AuditRow {
    at: Instant,
    account_id: i64,
    staff_number: String,
    role: String,
    action: String,
    subject: String,
}

impl SqlStaff {
    /// The grants that hold, by account; of one account, or of all.
    async fn grants(&self, account: Option<i64>) -> Result<HashMap<i64, Vec<Grant>>, StoreError> {
        let rows: Vec<(i64, String, String)> = on_backend!(&self.pool, |pool| {
            let mut sql =
                sqlx::QueryBuilder::new("SELECT account_id, role, scope FROM staff_grants WHERE withdrawn_at IS NULL");
            if let Some(id) = account {
                sql.push(" AND account_id = ").push_bind(id);
            }
            sql.push(" ORDER BY granted_at, role, scope");
            sql.build_query_as().fetch_all(pool).await
        })
        .map_err(db::failed)?;
        let mut grants: HashMap<i64, Vec<Grant>> = HashMap::new();
        for (account_id, role, scope) in rows {
            let grant = Grant::from_stored(&role, &scope)
                .ok_or_else(|| db::unreadable("grant", format!("{role} over {scope}")))?;
            grants.entry(account_id).or_default().push(grant);
        }
        Ok(grants)
    }

    /// Runs `sql`, an UPDATE of one session binding `now` ($1) and its digest ($2).
    async fn update_session(&self, sql: &str, id_digest: &str, now: DateTime<FixedOffset>) -> Result<(), StoreError> {
        on_backend!(&self.pool, |pool| {
            sqlx::query(sql).bind(Instant(now)).bind(id_digest).execute(pool).await.map(drop)
        })
        .map_err(db::failed)
    }

    async fn begin(&self) -> Result<Tx, StoreError> {
        self.pool.begin_write().await.map_err(db::failed)
    }
}

/// Records `audit` in `tx` and commits: the change and its entry are stored together or not at all.
async fn commit_audited(mut tx: Tx, audit: &AuditEntry) -> Result<(), StoreError> {
    audit::record(&mut tx, audit).await.map_err(db::failed)?;
    tx.commit().await.map_err(db::failed)
}

async fn insert_enrolment(tx: &mut Tx, account_id: i64, enrolment: &NewEnrolment, now: Instant) -> sqlx::Result<()> {
    on_backend!(tx, |tx| {
        sqlx::query(
            "INSERT INTO staff_enrolments (token_digest, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&enrolment.token_digest)
        .bind(account_id)
        .bind(now)
        .bind(Instant(enrolment.expires_at))
        .execute(&mut **tx)
        .await
        .map(drop)
    })
}

async fn end_all_sessions(tx: &mut Tx, account_id: i64, now: Instant) -> sqlx::Result<u64> {
    on_backend!(tx, |tx| {
        sqlx::query("UPDATE staff_sessions SET ended_at = $1 WHERE account_id = $2 AND ended_at IS NULL")
            .bind(now)
            .bind(account_id)
            .execute(&mut **tx)
            .await
            .map(|done| done.rows_affected())
    })
}

#[async_trait::async_trait]
impl StaffStore for SqlStaff {
    async fn credentials(&self, staff_number: &str) -> Result<Option<Credentials>, StoreError> {
        let row: Option<AccountRow> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM staff_accounts WHERE staff_number = $1"))
                .bind(staff_number)
                .fetch_optional(pool)
                .await
        })
        .map_err(db::failed)?;
        let Some(row) = row else { return Ok(None) };
        let grants = self.grants(Some(row.id)).await?.remove(&row.id).unwrap_or_default();
        Ok(Some(row.into_credentials(grants)))
    }

    async fn account(&self, staff_number: &str) -> Result<Option<Account>, StoreError> {
        Ok(self.credentials(staff_number).await?.map(|c| c.account))
    }

    async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let rows: Vec<AccountRow> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM staff_accounts ORDER BY staff_number"))
                .fetch_all(pool)
                .await
        })
        .map_err(db::failed)?;
        let mut grants = self.grants(None).await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let held = grants.remove(&row.id).unwrap_or_default();
                row.into_credentials(held).account
            })
            .collect())
    }

    async fn create_account(
        &self,
        account: &NewAccount,
        enrolment: &NewEnrolment,
        audit: &AuditEntry,
    ) -> Result<Result<i64, NumberTaken>, StoreError> {
        let now = Instant(audit.at);
        let mut tx = self.begin().await?;
        let created = async {
            let tx = &mut tx;
            let taken: Option<i64> = on_backend!(&mut *tx, |tx| {
                sqlx::query_scalar("SELECT id FROM staff_accounts WHERE staff_number = $1")
                    .bind(&account.staff_number)
                    .fetch_optional(&mut **tx)
                    .await
            })?;
            if taken.is_some() {
                return Ok(Err(NumberTaken));
            }
            let id = tx.next_id("staff_accounts").await?;
            on_backend!(&mut *tx, |tx| {
                sqlx::query(
                    "INSERT INTO staff_accounts (id, staff_number, name, phone, disabled, totp_last_step, created_at) \
                     VALUES ($1, $2, $3, $4, FALSE, 0, $5)",
                )
                .bind(id)
                .bind(&account.staff_number)
                .bind(&account.name)
                .bind(&account.phone)
                .bind(now)
                .execute(&mut **tx)
                .await
                .map(drop)
            })?;
            for grant in &account.grants {
                insert_grant(tx, id, grant, now).await?;
            }
            insert_enrolment(tx, id, enrolment, now).await?;
            Ok::<_, sqlx::Error>(Ok(id))
        }
        .await
        .map_err(db::failed)?;
        if created.is_ok() {
            commit_audited(tx, audit).await?;
        }
        Ok(created)
    }

    async fn grant(&self, account_id: i64, grant: &Grant, audit: &AuditEntry) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let added = async {
            let tx = &mut tx;
            let held: Option<i64> = on_backend!(&mut *tx, |tx| {
                sqlx::query_scalar(
                    "SELECT account_id FROM staff_grants \
                     WHERE account_id = $1 AND role = $2 AND scope = $3 AND withdrawn_at IS NULL",
                )
                .bind(account_id)
                .bind(grant.role())
                .bind(grant.scope())
                .fetch_optional(&mut **tx)
                .await
            })?;
            if held.is_some() {
                return Ok(false);
            }
            insert_grant(tx, account_id, grant, Instant(audit.at)).await?;
            Ok::<_, sqlx::Error>(true)
        }
        .await
        .map_err(db::failed)?;
        if added {
            commit_audited(tx, audit).await?;
        }
        Ok(added)
    }

    async fn withdraw(&self, account_id: i64, grant: &Grant, audit: &AuditEntry) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let withdrawn = on_backend!(&mut tx, |tx| {
            sqlx::query(
                "UPDATE staff_grants SET withdrawn_at = $1 \
                 WHERE account_id = $2 AND role = $3 AND scope = $4 AND withdrawn_at IS NULL",
            )
            .bind(Instant(audit.at))
            .bind(account_id)
            .bind(grant.role())
            .bind(grant.scope())
            .execute(&mut **tx)
            .await
            .map(|done| done.rows_affected() > 0)
        })
        .map_err(db::failed)?;
        if withdrawn {
            commit_audited(tx, audit).await?;
        }
        Ok(withdrawn)
    }

    async fn set_disabled(&self, account_id: i64, disabled: bool, audit: &AuditEntry) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        async {
            on_backend!(&mut tx, |tx| {
                sqlx::query("UPDATE staff_accounts SET disabled = $1 WHERE id = $2")
                    .bind(disabled)
                    .bind(account_id)
                    .execute(&mut **tx)
                    .await
                    .map(drop)
            })?;
            if disabled {
                end_all_sessions(&mut tx, account_id, Instant(audit.at)).await?;
            }
            Ok::<_, sqlx::Error>(())
        }
        .await
        .map_err(db::failed)?;
        commit_audited(tx, audit).await
    }

    async fn reset_second_factor(
        &self,
        account_id: i64,
        enrolment: &NewEnrolment,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let now = Instant(audit.at);
        let mut tx = self.begin().await?;
        async {
            let tx = &mut tx;
            on_backend!(&mut *tx, |tx| {
                sqlx::query("UPDATE staff_accounts SET totp_secret = NULL, password_hash = NULL WHERE id = $1")
                    .bind(account_id)
                    .execute(&mut **tx)
                    .await
                    .map(drop)
            })?;
            end_all_sessions(tx, account_id, now).await?;
            // Links issued before this one stop working: only the newest is in the admin's hands.
            on_backend!(&mut *tx, |tx| {
                sqlx::query("UPDATE staff_enrolments SET used_at = $1 WHERE account_id = $2 AND used_at IS NULL")
                    .bind(now)
                    .bind(account_id)
                    .execute(&mut **tx)
                    .await
                    .map(drop)
            })?;
            insert_enrolment(tx, account_id, enrolment, now).await
        }
        .await
        .map_err(db::failed)?;
        commit_audited(tx, audit).await
    }

    async fn end_sessions(&self, account_id: i64, audit: &AuditEntry) -> Result<u64, StoreError> {
        let mut tx = self.begin().await?;
        let ended = end_all_sessions(&mut tx, account_id, Instant(audit.at)).await.map_err(db::failed)?;
        commit_audited(tx, audit).await?;
        Ok(ended)
    }

    async fn enrolment(&self, token_digest: &str) -> Result<Option<Enrolment>, StoreError> {
        let row: Option<(String, Instant, Option<Instant>, Option<String>)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT a.staff_number, e.expires_at, e.used_at, e.pending_secret \
                 FROM staff_enrolments e JOIN staff_accounts a ON a.id = e.account_id WHERE e.token_digest = $1",
            )
            .bind(token_digest)
            .fetch_optional(pool)
            .await
        })
        .map_err(db::failed)?;
        let Some((staff_number, expires_at, used_at, pending_secret)) = row else { return Ok(None) };
        let account = self.account(&staff_number).await?.ok_or_else(|| db::unreadable("enrolment", "no account"))?;
        Ok(Some(Enrolment { account, expires_at: expires_at.0, used: used_at.is_some(), pending_secret }))
    }

    async fn pending_secret(&self, token_digest: &str, candidate: &str) -> Result<String, StoreError> {
        on_backend!(&self.pool, |pool| {
            sqlx::query(
                "UPDATE staff_enrolments SET pending_secret = $1 WHERE token_digest = $2 AND pending_secret IS NULL",
            )
            .bind(candidate)
            .bind(token_digest)
            .execute(pool)
            .await?;
            sqlx::query_scalar("SELECT pending_secret FROM staff_enrolments WHERE token_digest = $1")
                .bind(token_digest)
                .fetch_one(pool)
                .await
        })
        .map_err(db::failed)
    }

    async fn complete_enrolment(
        &self,
        token_digest: &str,
        password_hash: &str,
        step: i64,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let now = Instant(audit.at);
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let used = on_backend!(&mut tx, |tx| {
            // The one statement that uses a link up: of two submissions, one finds it unused.
            let used = sqlx::query(
                "UPDATE staff_enrolments SET used_at = $1 \
                 WHERE token_digest = $2 AND used_at IS NULL AND expires_at > $1 AND pending_secret IS NOT NULL",
            )
            .bind(now)
            .bind(token_digest)
            .execute(&mut **tx)
            .await?
            .rows_affected()
                == 1;
            if used {
                sqlx::query(
                    "UPDATE staff_accounts SET password_hash = $1, totp_last_step = $2, \
                     totp_secret = (SELECT pending_secret FROM staff_enrolments WHERE token_digest = $3) \
                     WHERE id = (SELECT account_id FROM staff_enrolments WHERE token_digest = $3)",
                )
                .bind(password_hash)
                .bind(step)
                .bind(token_digest)
                .execute(&mut **tx)
                .await?;
            }
            Ok::<_, sqlx::Error>(used)
        })
        .map_err(db::failed)?;
        if used {
            audit::record(&mut tx, audit).await.map_err(db::failed)?;
        }
        tx.commit().await.map_err(db::failed)?;
        Ok(used)
    }

    async fn failures(&self, subject: &str) -> Result<Option<Failures>, StoreError> {
        let row: Option<(i64, Instant)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as("SELECT failures, last_failed_at FROM staff_sign_in_failures WHERE subject = $1")
                .bind(subject)
                .fetch_optional(pool)
                .await
        })
        .map_err(db::failed)?;
        Ok(row.map(|(count, last)| Failures { count: count.try_into().unwrap_or(u32::MAX), last_at: last.0 }))
    }

    async fn record_failure(
        &self,
        subject: &str,
        now: DateTime<FixedOffset>,
        forget_before: DateTime<FixedOffset>,
    ) -> Result<(), StoreError> {
        on_backend!(&self.pool, |pool| {
            // One statement: concurrent failures each count.
            sqlx::query(
                "INSERT INTO staff_sign_in_failures (subject, failures, last_failed_at) VALUES ($1, 1, $2) \
                 ON CONFLICT (subject) DO UPDATE SET last_failed_at = excluded.last_failed_at, failures = \
                 CASE WHEN staff_sign_in_failures.last_failed_at < $3 THEN 1 \
                 ELSE staff_sign_in_failures.failures + 1 END",
            )
            .bind(subject)
            .bind(Instant(now))
            .bind(Instant(forget_before))
            .execute(pool)
            .await
            .map(drop)
        })
        .map_err(db::failed)
    }

    async fn clear_failures(&self, subject: &str) -> Result<(), StoreError> {
        on_backend!(&self.pool, |pool| {
            sqlx::query("DELETE FROM staff_sign_in_failures WHERE subject = $1")
                .bind(subject)
                .execute(pool)
                .await
                .map(drop)
        })
        .map_err(db::failed)
    }

    async fn record_sign_in(&self, event: &SignInEvent) -> Result<(), StoreError> {
        on_backend!(&self.pool, |pool| {
            sqlx::query(
                "INSERT INTO staff_sign_in_events (at, account_id, staff_number_masked, address_digest, outcome) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(Instant(event.at))
            .bind(event.account_id)
            .bind(&event.staff_number_masked)
            .bind(&event.address_digest)
            .bind(event.outcome.code())
            .execute(pool)
            .await
            .map(drop)
        })
        .map_err(db::failed)
    }

    async fn sign_ins(&self, account_id: i64, limit: u32) -> Result<Vec<SignInEvent>, StoreError> {
        let rows: Vec<(Instant, String, String, String)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT at, staff_number_masked, address_digest, outcome FROM staff_sign_in_events \
                 WHERE account_id = $1 ORDER BY at DESC LIMIT $2",
            )
            .bind(account_id)
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        rows.into_iter()
            .map(|(at, staff_number_masked, address_digest, outcome)| {
                Ok(SignInEvent {
                    outcome: SignInOutcome::ALL
                        .into_iter()
                        .find(|o| o.code() == outcome)
                        .ok_or_else(|| db::unreadable("sign-in outcome", &outcome))?,
                    at: at.0,
                    account_id: Some(account_id),
                    staff_number_masked,
                    address_digest,
                })
            })
            .collect()
    }

    async fn use_code_step(&self, account_id: i64, step: i64) -> Result<bool, StoreError> {
        on_backend!(&self.pool, |pool| {
            sqlx::query("UPDATE staff_accounts SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1")
                .bind(step)
                .bind(account_id)
                .execute(pool)
                .await
                .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)
    }

    async fn start_session(
        &self,
        account_id: i64,
        id_digest: &str,
        replaces: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Result<(), StoreError> {
        let now = Instant(now);
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        on_backend!(&mut tx, |tx| {
            if let Some(old) = replaces {
                sqlx::query("UPDATE staff_sessions SET ended_at = $1 WHERE id_digest = $2 AND ended_at IS NULL")
                    .bind(now)
                    .bind(old)
                    .execute(&mut **tx)
                    .await?;
            }
            sqlx::query(
                "INSERT INTO staff_sessions (id_digest, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
            )
            .bind(id_digest)
            .bind(account_id)
            .bind(now)
            .execute(&mut **tx)
            .await
            .map(drop)
        })
        .map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)
    }

    async fn session(&self, id_digest: &str) -> Result<Option<SessionRow>, StoreError> {
        let row: Option<(String, Instant, Instant)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT a.staff_number, s.created_at, s.last_seen_at FROM staff_sessions s \
                 JOIN staff_accounts a ON a.id = s.account_id \
                 WHERE s.id_digest = $1 AND s.ended_at IS NULL AND NOT a.disabled",
            )
            .bind(id_digest)
            .fetch_optional(pool)
            .await
        })
        .map_err(db::failed)?;
        let Some((staff_number, created_at, last_seen_at)) = row else { return Ok(None) };
        let Some(account) = self.account(&staff_number).await? else { return Ok(None) };
        Ok(Some(SessionRow { user: account.user(), created_at: created_at.0, last_seen_at: last_seen_at.0 }))
    }

    async fn touch_session(&self, id_digest: &str, now: DateTime<FixedOffset>) -> Result<(), StoreError> {
        self.update_session("UPDATE staff_sessions SET last_seen_at = $1 WHERE id_digest = $2", id_digest, now).await
    }

    async fn end_session(&self, id_digest: &str, now: DateTime<FixedOffset>) -> Result<(), StoreError> {
        let sql = "UPDATE staff_sessions SET ended_at = $1 WHERE id_digest = $2 AND ended_at IS NULL";
        self.update_session(sql, id_digest, now).await
    }

    async fn issue_key(&self, key: &NewKey, audit: &AuditEntry) -> Result<i64, StoreError> {
        let mut tx = self.begin().await?;
        let id = async {
            let id = tx.next_id("partner_keys").await?;
            on_backend!(&mut tx, |tx| {
                sqlx::query(
                    "INSERT INTO partner_keys (id, name, scope, digest, hint, issued_by, issued_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(id)
                .bind(&key.name)
                .bind(key.scope.code())
                .bind(&key.digest)
                .bind(&key.hint)
                .bind(&audit.staff_number)
                .bind(Instant(audit.at))
                .execute(&mut **tx)
                .await
                .map(drop)
            })?;
            Ok::<_, sqlx::Error>(id)
        }
        .await
        .map_err(db::failed)?;
        let audit = AuditEntry { subject: format!("key:{id} {}", key.name), ..audit.clone() };
        commit_audited(tx, &audit).await.map(|()| id)
    }

    async fn keys(&self) -> Result<Vec<PartnerKey>, StoreError> {
        let sql = format!("SELECT {KEY_COLUMNS} FROM partner_keys ORDER BY id DESC");
        let rows: Vec<KeyRow> =
            on_backend!(&self.pool, |pool| sqlx::query_as(&sql).fetch_all(pool).await).map_err(db::failed)?;
        rows.into_iter().map(KeyRow::into_key).collect()
    }

    async fn revoke_key(&self, id: i64, audit: &AuditEntry) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let revoked = on_backend!(&mut tx, |tx| {
            sqlx::query("UPDATE partner_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(Instant(audit.at))
                .bind(id)
                .execute(&mut **tx)
                .await
                .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)?;
        if !revoked {
            return Ok(false);
        }
        commit_audited(tx, audit).await.map(|()| true)
    }

    async fn use_key(&self, digest: &str, now: DateTime<FixedOffset>) -> Result<Option<PartnerKey>, StoreError> {
        let sql = format!(
            "UPDATE partner_keys SET last_used_at = $1 WHERE digest = $2 AND revoked_at IS NULL RETURNING {KEY_COLUMNS}"
        );
        let row: Option<KeyRow> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(&sql).bind(Instant(now)).bind(digest).fetch_optional(pool).await
        })
        .map_err(db::failed)?;
        row.map(KeyRow::into_key).transpose()
    }

    async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError> {
        commit_audited(self.begin().await?, entry).await
    }

    async fn audit_trail(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_entries(None, limit).await
    }

    async fn audit_about(&self, subject: &str, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_entries(Some(subject), limit).await
    }
}

const KEY_COLUMNS: &str = "id, name, scope, hint, issued_by, issued_at, last_used_at, revoked_at";

#[derive(FromRow)]
struct KeyRow {
    id: i64,
    name: String,
    scope: String,
    hint: String,
    issued_by: String,
    issued_at: Instant,
    last_used_at: Option<Instant>,
    revoked_at: Option<Instant>,
}

impl KeyRow {
    fn into_key(self) -> Result<PartnerKey, StoreError> {
        Ok(PartnerKey {
            scope: KeyScope::from_code(&self.scope).ok_or_else(|| db::unreadable("key scope", &self.scope))?,
            id: self.id,
            name: self.name,
            hint: self.hint,
            issued_by: self.issued_by,
            issued_at: self.issued_at.0,
            last_used_at: self.last_used_at.map(|at| at.0),
            revoked_at: self.revoked_at.map(|at| at.0),
        })
    }
}

impl SqlStaff {
    /// The newest audit entries, those whose subject holds `about` if given.
    async fn audit_entries(&self, about: Option<&str>, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        let rows: Vec<AuditRow> = on_backend!(&self.pool, |pool| {
            let mut sql =
                sqlx::QueryBuilder::new("SELECT at, account_id, staff_number, role, action, subject FROM staff_audit");
            if let Some(about) = about {
                // LIKE's own characters in `about` match only themselves.
                let escaped = about.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
                sql.push(" WHERE subject LIKE ").push_bind(format!("%{escaped}%")).push(" ESCAPE '\\'");
            }
            sql.push(" ORDER BY id DESC LIMIT ").push_bind(i64::from(limit));
            sql.build_query_as().fetch_all(pool).await
        })
        .map_err(db::failed)?;
        Ok(rows
            .into_iter()
            .map(|row| AuditEntry {
                at: row.at.0,
                account_id: row.account_id,
                staff_number: row.staff_number,
                role: row.role,
                action: row.action,
                subject: row.subject,
            })
            .collect())
    }
}

async fn insert_grant(tx: &mut Tx, account_id: i64, grant: &Grant, now: Instant) -> sqlx::Result<()> {
    on_backend!(tx, |tx| {
        sqlx::query("INSERT INTO staff_grants (account_id, role, scope, granted_at) VALUES ($1, $2, $3, $4)")
            .bind(account_id)
            .bind(grant.role())
            .bind(grant.scope())
            .bind(now)
            .execute(&mut **tx)
            .await
            .map(drop)
    })
}

impl SqlStaff {
    /// Deletes sessions started before `sessions_before` (past the absolute limit, so over) and failure counts
    /// last added to before `failures_before` (forgotten); how many rows.
    pub async fn forget(
        &self,
        sessions_before: DateTime<FixedOffset>,
        failures_before: DateTime<FixedOffset>,
    ) -> sqlx::Result<u64> {
        on_backend!(&self.pool, |pool| {
            let sessions = sqlx::query("DELETE FROM staff_sessions WHERE created_at < $1")
                .bind(Instant(sessions_before))
                .execute(pool)
                .await?;
            let failures = sqlx::query("DELETE FROM staff_sign_in_failures WHERE last_failed_at < $1")
                .bind(Instant(failures_before))
                .execute(pool)
                .await?;
            Ok(sessions.rows_affected() + failures.rows_affected())
        })
    }
}
