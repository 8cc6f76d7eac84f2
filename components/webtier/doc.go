// Package webtier provides MultiAZWebTier (tenk:web:MultiAZWebTier): the application tier of the
// tenk architecture.
//
// It builds an Application Load Balancer (internet-facing, locked to CloudFront, or internal for a
// CloudFront VPC origin) with HTTPS and an HTTP→HTTPS redirect when a certificate is given, an
// instance target group with health checks and optional stickiness, a launch template (the Amazon
// Linux 2023 AMI for the instance type's architecture, resolved once and pinned; IMDSv2 only,
// encrypted gp3, SSM instead of SSH) and an Auto Scaling group over the private subnets of every
// AZ with ELB health checks, target tracking and an instance refresh that launches before it
// terminates, bakes at checkpoints and rolls back on failed health checks and on the tier's 5xx
// and unhealthy-host alarms, plus the two security groups that chain ALB → instances and
// CloudWatch alarms on 5xx, unhealthy hosts and p99 latency.
//
// Application is what the instances run: an image pinned by digest (Docker on Amazon Linux 2023,
// the container on the host network, its logs in a log group the tier creates, exactly the pull
// and log permissions it needs), a raw script, or the built-in server. Around it the tier installs
// its machinery (boot.go, boot/tenk-settings.py): the settings agent that waits for the stack's
// ready marker (Settings) and writes /etc/tenk/app.env, and the sync that restarts the
// application when the settings change. Access logs go to the caller's
// bucket or, by default, to a private SSE-S3 bucket the component creates with the ELB
// log-delivery policy.
//
// Args group what belongs together: HealthCheck (target group and ASG health checks), AccessLogs,
// Scaling (group size, target tracking), Rollout (instance refresh), Application and
// AlarmThresholds, each a struct whose zero value is its defaults; Alarms switches the alarms off
// and AlarmTopicArn gives them actions. Validate reports every problem as a field error with its path
// ("HealthCheck.TimeoutSeconds", "InstanceSubnetIDs[1]"); see README.md for the full table.
//
// Pure helpers (instance type → architecture, TLS policy check, the boot script and its units,
// image references, the access-log bucket and container policies) live in arch.go, boot.go,
// container.go, application.go, policy.go and containerpolicy.go and are tested without Pulumi.
package webtier
