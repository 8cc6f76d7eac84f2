package database

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LogGroupName is the log group RDS writes an exported log to: "/aws/rds/instance/<id>/<log>" for
// a DB instance, "/aws/rds/cluster/<id>/<log>" for an Aurora cluster (RDS user guide, "Publishing
// database logs to Amazon CloudWatch Logs"; Aurora user guide, "Publishing ... logs to Amazon
// CloudWatch Logs").
func LogGroupName(cluster bool, identifier, log string) string {
	kind := "instance"
	if cluster {
		kind = "cluster"
	}
	return fmt.Sprintf("/aws/rds/%s/%s/%s", kind, identifier, log)
}

// logGroups creates the log groups of one member's exported logs before RDS does: a group RDS
// creates itself keeps logs forever. The member's instance or cluster depends on them.
func (s *shared) logGroups(ctx *pulumi.Context, member string, cluster bool, identifier pulumi.StringOutput) ([]pulumi.Resource, error) {
	if !*s.args.CloudWatchLogExports {
		return nil, nil
	}
	var groups []pulumi.Resource
	for _, log := range s.spec.LogExports {
		group, err := cloudwatch.NewLogGroup(ctx, s.name+"-logs-"+member+"-"+log, &cloudwatch.LogGroupArgs{
			Name: identifier.ApplyT(func(id string) string {
				return LogGroupName(cluster, id, log)
			}).(pulumi.StringOutput),
			RetentionInDays: pulumi.Int(s.args.LogRetentionDays),
			Tags:            s.tags,
		}, s.parent)
		if err != nil {
			return nil, err
		}
		groups = append(groups, group)
	}
	return groups, nil
}

// memberOptions are a member's resource options: the parent (whose protect.Register option
// protects members when Protect is set), plus waiting for its log groups and for the monitoring
// role's policy.
func (s *shared) memberOptions(logGroups []pulumi.Resource) []pulumi.ResourceOption {
	deps := append([]pulumi.Resource(nil), logGroups...)
	if s.monitoringPolicy != nil {
		deps = append(deps, s.monitoringPolicy)
	}
	opts := []pulumi.ResourceOption{s.parent}
	if len(deps) > 0 {
		opts = append(opts, pulumi.DependsOn(deps))
	}
	return opts
}
