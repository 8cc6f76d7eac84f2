// Package network provides Network (tenk:network:Network): the VPC every other tenk tier lives in.
//
// It wraps awsx's ec2.Vpc with a pinned subnet layout (public, private and isolated subnets in each
// of 2–3 Availability Zones), a NAT strategy, DNS support, free S3 and DynamoDB gateway endpoints,
// VPC flow logs to CloudWatch Logs, and a default security group stripped of every rule.
package network
