// Package internal holds the small pieces every tenk component shares: CloudWatch alarms
// (package alarms), one-rule-per-peer security group ingress (package ingress) and typed policy
// documents (package iampolicy). They import only AWS packages the components need anyway.
package internal
