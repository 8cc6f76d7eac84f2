// Package internal holds the recipes every tenk component shares, each AWS rule in one place:
//
//   - alarms: CloudWatch alarms, their namespaces and dimensions, and the Alarms switch every
//     component reads the same way (alarms.On);
//   - argutil: the one shape of a default (Default, DefaultPtr) and small helpers for lists;
//   - awsprovider: fixed-region providers that carry the stack's `aws:` settings;
//   - dnsvalidation: an ACM certificate validated through Route 53 (cdn, webtier);
//   - fielderr: field errors with paths, and the checks every Validate repeats (required, one
//     of, range, no nil entries, tags);
//   - iampolicy: every IAM and bucket policy document, built from typed statements;
//   - ingress: one security group ingress rule per peer;
//   - inherit: the caller's options Pulumi does not pass to children (RetainOnDelete);
//   - logretention: the retention periods CloudWatch Logs accepts (database, cache, network);
//   - outputs: a component's registered outputs, built from its struct's exported fields under
//     the names the provider schema gives them (the last call of every constructor);
//   - privatebucket: the private S3 bucket (Block Public Access, no ACLs, SSE-S3, TLS-only
//     policy, versioning and lifecycle) behind the CDN's buckets and the ALB access logs;
//   - protect: Protect on exactly the stateful children (the list is internal/stateful at the
//     module root, shared with the plan CLI and the posture tests);
//   - window: RDS and ElastiCache backup, snapshot and maintenance windows.
//
// They import only AWS packages the components that use them need anyway. Package conformance
// is test-only: the rules every component's test checks in one call, its outputs against
// provider/schema.json included.
package internal
