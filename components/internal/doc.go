// Package internal holds the small pieces every tenk component shares: CloudWatch alarms
// (package alarms) and one-rule-per-peer security group ingress (package ingress). They import
// only the AWS packages every data tier needs anyway (cloudwatch, vpc).
package internal
