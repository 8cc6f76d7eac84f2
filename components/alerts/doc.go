// Package alerts provides AlarmTopic (tenk:alerts:AlarmTopic): the SNS topic every tenk alarm
// notifies, encrypted with a customer-managed KMS key that admits CloudWatch, with an e-mail
// subscription per address, so alarms reach people. With EventTopic it adds a second topic for
// ElastiCache event notifications, which cannot be delivered to an encrypted topic: unencrypted,
// with the topic policy ElastiCache needs (AWS:SourceOwner) and the same subscribers.
package alerts
