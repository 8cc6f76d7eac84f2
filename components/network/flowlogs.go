package network

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	awsec2 "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// flowLogs records all of the VPC's traffic to a CloudWatch Logs group kept for retentionDays,
// through a role only the flow-logs service can assume and that may write only to that group.
func flowLogs(ctx *pulumi.Context, name string, vpcID pulumi.StringInput, retentionDays int, tags map[string]string, opts ...pulumi.ResourceOption) error {
	group, err := cloudwatch.NewLogGroup(ctx, name+"-flow-logs", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(retentionDays),
		Tags:            pulumi.ToStringMap(tags),
	}, opts...)
	if err != nil {
		return err
	}
	role, err := iam.NewRole(ctx, name+"-flow-logs", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.JSONMarshal(map[string]any{
			"Version": "2012-10-17",
			"Statement": []map[string]any{{
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "vpc-flow-logs.amazonaws.com"},
				"Action":    "sts:AssumeRole",
			}},
		}),
		Tags: pulumi.ToStringMap(tags),
	}, opts...)
	if err != nil {
		return err
	}
	if _, err := iam.NewRolePolicy(ctx, name+"-flow-logs", &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: pulumi.JSONMarshal(pulumi.Map{
			"Version": pulumi.String("2012-10-17"),
			"Statement": pulumi.Array{pulumi.Map{
				"Effect":   pulumi.String("Allow"),
				"Action":   pulumi.ToStringArray([]string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"}),
				"Resource": pulumi.Array{group.Arn, pulumi.Sprintf("%s:*", group.Arn)},
			}},
		}),
	}, opts...); err != nil {
		return err
	}
	_, err = awsec2.NewFlowLog(ctx, name+"-flow-log", &awsec2.FlowLogArgs{
		VpcId:                  vpcID,
		TrafficType:            pulumi.String("ALL"),
		LogDestinationType:     pulumi.String("cloud-watch-logs"),
		LogDestination:         group.Arn,
		IamRoleArn:             role.Arn,
		MaxAggregationInterval: pulumi.Int(60),
		Tags:                   pulumi.ToStringMap(tags),
	}, opts...)
	return err
}
