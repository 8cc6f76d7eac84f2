// Package webtier provides MultiAZWebTier (tenk:web:MultiAZWebTier): the application tier of the
// tenk architecture.
//
// It builds an Application Load Balancer (internet-facing, locked to CloudFront, or internal for a
// CloudFront VPC origin) with HTTPS and an HTTP→HTTPS redirect when a certificate is given, an
// instance target group with health checks and optional stickiness, a launch template (Amazon
// Linux 2023 for the instance type's architecture, IMDSv2 only, encrypted gp3, SSM instead of SSH)
// and an Auto Scaling group over the private subnets of every AZ with ELB health checks, rolling
// instance refresh and target tracking, plus the two security groups that chain ALB → instances
// and CloudWatch alarms on 5xx, unhealthy hosts and p99 latency. Access logs go to the caller's
// bucket or, by default, to a private SSE-S3 bucket the component creates with the ELB
// log-delivery policy.
//
// Args group what belongs together: HealthCheck (target group and ASG health checks), AccessLogs,
// Scaling (group size, target tracking, instance refresh) and AlarmThresholds, each a struct whose
// zero value is its defaults; Alarms switches the alarms off and AlarmTopicArn gives them actions. Validate reports every problem as a field error with its path
// ("HealthCheck.TimeoutSeconds", "InstanceSubnetIDs[1]"); see README.md for the full table.
//
// Pure helpers (instance type → architecture, TLS policy check, default user data, the
// access-log bucket policy) live in arch.go, userdata.go and policy.go and are tested without
// Pulumi.
package webtier
