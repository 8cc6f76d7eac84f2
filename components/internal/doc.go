// Package internal holds the small pieces every tenk component shares: field errors and the
// checks every Validate repeats (package fielderr), defaulting helpers (package argutil),
// CloudWatch alarms (package alarms), one-rule-per-peer security group ingress (package ingress),
// typed policy documents (package iampolicy) and fixed-region providers that carry the stack's
// `aws:` settings (package awsprovider). They import only AWS packages the components need anyway.
package internal
