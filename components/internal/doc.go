// Package internal holds the small pieces every tenk component shares: field errors and the
// checks every Validate repeats (package fielderr), defaulting helpers (package argutil),
// CloudWatch alarms (package alarms), one-rule-per-peer security group ingress (package ingress),
// typed policy documents (package iampolicy), fixed-region providers that carry the stack's
// `aws:` settings (package awsprovider), and the caller's options Pulumi does not pass to
// children (package inherit). They import only AWS packages the components need anyway. Package
// conformance is test-only: the rules every component's test checks in one call.
package internal
