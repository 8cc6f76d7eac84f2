// Package alerts provides AlarmTopic (tenk:alerts:AlarmTopic): the SNS topic every tenk alarm
// notifies, encrypted with a customer-managed KMS key that admits CloudWatch, with an e-mail
// subscription per address, so alarms reach people.
package alerts
