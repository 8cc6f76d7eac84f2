// Package internal holds the recipes every tenk component shares, each AWS rule in one place:
//
//   - alarms: CloudWatch alarms, their namespaces and dimensions, and the Alarms switch every
//     component reads the same way (alarms.On);
//   - argutil: small helpers for defaults and validation (tags, pointers, lists);
//   - awsprovider: fixed-region providers that carry the stack's `aws:` settings;
//   - dnsvalidation: an ACM certificate validated through Route 53 (cdn, webtier);
//   - iampolicy: every IAM and bucket policy document, built from typed statements;
//   - ingress: one security group ingress rule per peer;
//   - logretention: the retention periods CloudWatch Logs accepts (database, cache, network);
//   - privatebucket: the private S3 bucket (Block Public Access, no ACLs, SSE-S3, TLS-only
//     policy, versioning and lifecycle) behind the CDN's buckets and the ALB access logs;
//   - protect: Protect on exactly the stateful children (the list is internal/stateful at the
//     module root, shared with the plan CLI and the posture tests);
//   - window: RDS and ElastiCache backup, snapshot and maintenance windows.
//
// They import only AWS packages the components that use them need anyway.
package internal
