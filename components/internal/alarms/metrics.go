package alarms

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// CloudWatch namespaces and dimension names of the AWS metrics tenk alarms on and graphs. The
// alarms and the dashboard both use these, so a graph always shows the series its alarm watches.
const (
	NamespaceCloudFront  = "AWS/CloudFront"
	NamespaceWAF         = "AWS/WAFV2"
	NamespaceALB         = "AWS/ApplicationELB"
	NamespaceAutoScaling = "AWS/AutoScaling"
	NamespaceRDS         = "AWS/RDS"
	NamespaceElastiCache = "AWS/ElastiCache"
	NamespaceDynamoDB    = "AWS/DynamoDB"

	DimDistributionID  = "DistributionId"
	DimRegion          = "Region"
	DimLoadBalancer    = "LoadBalancer"
	DimTargetGroup     = "TargetGroup"
	DimAutoScalingName = "AutoScalingGroupName"
	DimDBInstance      = "DBInstanceIdentifier"
	DimCacheCluster    = "CacheClusterId"
	DimTableName       = "TableName"
	DimOperation       = "Operation"
)

// SessionOperations are the DynamoDB operations a session store performs: the sessions
// component grants them and alarms on their SystemErrors, which DynamoDB publishes per TableName
// and Operation only; the dashboard graphs the same series.
var SessionOperations = []string{"GetItem", "PutItem", "UpdateItem", "DeleteItem"}

// ARNs is the ARNs of alarms, in order: what a component exposes as AlarmArns.
func ARNs(list []*cloudwatch.MetricAlarm) pulumi.StringArrayOutput {
	out := make(pulumi.StringArray, 0, len(list))
	for _, a := range list {
		out = append(out, a.Arn)
	}
	return out.ToStringArrayOutput()
}
