// Package sessions provides SessionTable (tenk:sessions:SessionTable): a DynamoDB table that keeps
// the web tier's session state off the primary database.
//
// The table is keyed by a string session ID, expires items through DynamoDB TTL on an epoch-seconds
// attribute, bills on demand (or provisioned with target-tracking autoscaling), and is encrypted
// with the AWS-managed aws/dynamodb key (or a customer key), with point-in-time recovery and
// deletion protection on by default. Access is one managed IAM policy (PolicyArn) allowing only the
// item-level actions a session store needs on this table; the caller attaches it to the roles that
// use the table, in its own scope (PolicyDocument is the same document, for inline use). CloudWatch
// alarms
// watch read and write throttling and DynamoDB system errors.
//
// TTL deletion is best-effort (typically within a few days of expiry), so application code must
// still compare the expiry attribute with the current time on every read.
package sessions
