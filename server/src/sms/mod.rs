//! Texts to phones. A step that texts someone queues the text in its own transaction (`queue::add`); a deliverer on
//! every instance sends what is due through a `Notifier` (`delivery`) and tries a refused text again until it
//! expires. The notifier is Alibaba Cloud SMS (`aliyun`) when configured, or `NoGateway`, which keeps the texts
//! unsent for development and tests (a development server shows them at `/dev/outbox`).

pub mod aliyun;
pub mod delivery;
pub mod queue;

use app::sms::Text;
use chrono::{DateTime, FixedOffset};

/// Why a text did not go out.
#[derive(Debug, thiserror::Error)]
#[error("短信未能发出：{0}")]
pub struct NotSent(pub String);

/// The way texts leave.
#[async_trait::async_trait]
pub trait Notifier: Send + Sync {
    async fn send(&self, text: &Text, now: DateTime<FixedOffset>) -> Result<(), NotSent>;
}

/// No gateway configured: a text counts as sent and stays in the queue's table to be read.
pub struct NoGateway;

#[async_trait::async_trait]
impl Notifier for NoGateway {
    async fn send(&self, _: &Text, _: DateTime<FixedOffset>) -> Result<(), NotSent> {
        Ok(())
    }
}
