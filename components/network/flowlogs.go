package network

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	awsec2 "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
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
		AssumeRolePolicy: pulumi.String(iampolicy.AssumeRole("vpc-flow-logs.amazonaws.com").MustJSON()),
		Tags:             pulumi.ToStringMap(tags),
	}, opts...)
	if err != nil {
		return err
	}
	if _, err := iam.NewRolePolicy(ctx, name+"-flow-logs", &iam.RolePolicyArgs{
		Role: role.ID(),
		Policy: group.Arn.ApplyT(func(arn string) (string, error) {
			return iampolicy.New(iampolicy.Allow("",
				[]string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
				[]string{arn, arn + ":*"})).JSON()
		}).(pulumi.StringOutput),
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
