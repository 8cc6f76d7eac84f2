// Package alerts provides AlarmTopic (tenk:alerts:AlarmTopic): the SNS topic every tenk alarm
// notifies, with an e-mail subscription per address, so alarms reach people.
package alerts
