package stacks

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/webtier"
)

// rollout is the instance refresh per environment: prod never lowers serving capacity (launch
// before terminate), replaces half the group, bakes 10 minutes, then the rest; dev rolls the same
// way, faster (half the capacity may be replaced at once, one 5-minute bake). onAlarms is
// tenk:web.rollbackOnAlarms (nil: the web tier's default, on).
func rollout(env Environment, onAlarms *bool) webtier.Rollout {
	if env == Prod {
		// the web tier's defaults: 100/200 %, checkpoints 50 and 100, 600 s
		return webtier.Rollout{RollbackOnAlarms: onAlarms}
	}
	return webtier.Rollout{MinHealthyPercentage: pulumi.IntRef(50), MaxHealthyPercentage: 150,
		CheckpointPercentages: []int{100}, BakeSeconds: pulumi.IntRef(300), RollbackOnAlarms: onAlarms}
}

// exportRelease exports what an operator needs to follow a release: the image and AMI the
// launch template carries, the command that shows the group's current instance refresh, and the
// one that adopts the newest Amazon Linux AMI.
func exportRelease(ctx *pulumi.Context, web *webtier.MultiAZWebTier) {
	region := stackRegion(ctx)
	ctx.Export("applicationImage", web.ApplicationImage)
	ctx.Export("applicationLogGroup", web.ApplicationLogGroupName)
	ctx.Export("amiId", web.ImageID)
	ctx.Export("rolloutStatusCommand", web.AutoScalingGroupName.ApplyT(func(asg string) string {
		return RolloutStatusCommand(region, asg)
	}).(pulumi.StringOutput))
	ctx.Export("adoptLatestAmiCommand", web.AmiPinURN.ApplyT(func(urn string) string {
		return AdoptLatestAMICommand(ctx.Stack(), urn)
	}).(pulumi.StringOutput))
}

// RolloutStatusCommand is one shell line showing the group's latest instance refresh: its
// status, how far it got, why it stopped, and its rollback (AWS CLI v2).
func RolloutStatusCommand(region, autoScalingGroup string) string {
	return fmt.Sprintf("aws autoscaling describe-instance-refreshes --region %s --auto-scaling-group-name %s --max-records 1 "+
		"--query 'InstanceRefreshes[0].{Status:Status,Percent:PercentageComplete,Started:StartTime,Reason:StatusReason,"+
		"Rollback:RollbackDetails.RollbackReason}' --output table", region, autoScalingGroup)
}

// AdoptLatestAMICommand is the deploy that adopts the newest AMI of the web tier's parameter:
// it replaces the stash that pins the AMI, which gives the launch template a new version and
// rolls it out like a release. "" when the web tier's AMI is not pinned from a parameter.
func AdoptLatestAMICommand(stack, pinURN string) string {
	if pinURN == "" {
		return ""
	}
	return fmt.Sprintf("pulumi up --stack %s --replace '%s'", stack, pinURN)
}
