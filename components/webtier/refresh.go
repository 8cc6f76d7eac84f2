package webtier

import (
	_ "embed" // the rollout function's source
	"encoding/json"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// Why the tier starts its instance refreshes itself instead of the group's instanceRefresh block:
// terraform-provider-aws saves the new launch template version on the group (UpdateAutoScalingGroup)
// before it calls StartInstanceRefresh, so AWS's rollback returns to the new, bad version and relaunches it forever.
// hashicorp/terraform-provider-aws#34189 (open, "ASG Instance Refresh Rollback Impaired behavior"): the perpetual rollback.
// hashicorp/terraform-provider-aws#39007 (closed unmerged): "rely on the DesiredConfiguration parameter of StartInstanceRefresh" instead.
// Auto Scaling user guide, "Undo changes with a manual or auto rollback": rollback restores "the configuration that you last saved on the Auto Scaling group before starting the instance refresh".
// terraform-provider-aws internal/service/lambda/invocation.go: CREATE_ONLY invokes on create and on replacement (a changed input or triggers), never on delete.
//
// So the group ignores its launchTemplate after creation (group.go) and keeps the last release
// that rolled out; a new launch template version replaces the invocation below, which runs
// startRefreshSource with the StartInstanceRefresh request; AWS saves the new version on the
// group only when the refresh succeeds.

//go:embed refresh/start_refresh.py
var startRefreshSource string

// StartRefreshSource is the rollout function's Python (handler start_refresh.handler): it starts
// the refresh its event asks for, does nothing when the group already saves that version, and
// fails (failing `pulumi up`) while another refresh of the group is still running.
func StartRefreshSource() string { return startRefreshSource }

// rolloutLogRetentionDays is how long the rollout function's log group keeps its few lines.
const rolloutLogRetentionDays = 90

// RolloutFunctionPolicy is what the rollout function may do: start an instance refresh of
// exactly groupArn; read the group and its refreshes (autoscaling:Describe* have no resource-level
// permission: Service Authorization Reference for Amazon EC2 Auto Scaling); use the launch
// template (an instance refresh with a desired configuration checks the caller may launch it:
// ec2:RunInstances limited by ec2:LaunchTemplate to that template, ec2:CreateTags only while
// launching, iam:PassRole of exactly the instance role to EC2; Auto Scaling user guide, "Control
// Amazon EC2 launch template usage in Auto Scaling groups"); and write its own log group.
func RolloutFunctionPolicy(groupArn, launchTemplateArn, instanceRoleArn, logGroupArn string) iampolicy.Document {
	logs := strings.TrimSuffix(logGroupArn, ":*")
	run := iampolicy.Allow("LaunchWithTheTemplate", "ec2:RunInstances", "*")
	run.Condition = map[string]map[string]string{"ArnLike": {"ec2:LaunchTemplate": launchTemplateArn}}
	tag := iampolicy.Allow("TagWhileLaunching", "ec2:CreateTags", "*")
	tag.Condition = map[string]map[string]string{"StringEquals": {"ec2:CreateAction": "RunInstances"}}
	pass := iampolicy.Allow("PassInstanceRole", "iam:PassRole", instanceRoleArn)
	pass.Condition = map[string]map[string]string{"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}
	return iampolicy.New(
		iampolicy.Allow("StartRefresh", "autoscaling:StartInstanceRefresh", groupArn),
		iampolicy.Allow("ReadRollout", []string{"autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeInstanceRefreshes",
			"ec2:DescribeLaunchTemplateVersions"}, "*"),
		run, tag, pass,
		iampolicy.Allow("Logs", []string{"logs:CreateLogStream", "logs:PutLogEvents"}, []string{logs, logs + ":log-stream:*"}),
	)
}

// rolloutStarter creates the rollout function (its role, policy and log group) and the
// invocation that starts the refresh of every new launch template version of lt. The
// invocation waits for the group (it reads the group's saved version) and for the policy.
func rolloutStarter(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, lt *ec2.LaunchTemplate, group *autoscaling.Group, instanceRole *iam.Role, rollbackAlarms pulumi.StringArrayInput, tags pulumi.StringMap, parent pulumi.ResourceOption) (*lambda.Invocation, error) {
	role, err := iam.NewRole(ctx, name+"-rollout-role", &iam.RoleArgs{
		Description:      pulumi.Sprintf("Starts the instance refreshes of the %s web tier", name),
		AssumeRolePolicy: pulumi.String(iampolicy.AssumeRole("lambda.amazonaws.com").MustJSON()),
		Tags:             tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	logs, err := cloudwatch.NewLogGroup(ctx, name+"-rollout-logs", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(rolloutLogRetentionDays),
		Tags:            tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	doc := pulumi.All(group.Arn, lt.Arn, instanceRole.Arn, logs.Arn).ApplyT(func(v []any) (string, error) {
		return RolloutFunctionPolicy(v[0].(string), v[1].(string), v[2].(string), v[3].(string)).JSON()
	}).(pulumi.StringOutput)
	policy, err := iam.NewRolePolicy(ctx, name+"-rollout-policy", &iam.RolePolicyArgs{Role: role.Name, Policy: doc}, parent)
	if err != nil {
		return nil, err
	}
	fn, err := lambda.NewFunction(ctx, name+"-rollout", &lambda.FunctionArgs{
		Description:   pulumi.Sprintf("Starts the instance refresh of each new launch template version of the %s web tier", name),
		Runtime:       lambda.RuntimePython3d13,
		Handler:       pulumi.String("start_refresh.handler"),
		Code:          pulumi.NewAssetArchive(map[string]any{"start_refresh.py": pulumi.NewStringAsset(startRefreshSource)}),
		Role:          role.Arn,
		Architectures: pulumi.StringArray{pulumi.String("arm64")},
		MemorySize:    pulumi.Int(128),
		// Three API calls, plus up to a minute of waiting for a new policy to take effect.
		Timeout:       pulumi.Int(120),
		LoggingConfig: &lambda.FunctionLoggingConfigArgs{LogFormat: pulumi.String("Text"), LogGroup: logs.Name},
		Tags:          tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	request := refreshInput(a, group, lt, rollbackAlarms)
	return lambda.NewInvocation(ctx, name+"-rollout-start", &lambda.InvocationArgs{
		FunctionName: fn.Name,
		Input:        request,
		// CREATE_ONLY: invoked when created or replaced, i.e. for each new version (triggers) or
		// changed request; never on delete, and the event is the request alone (CRUD adds "tf").
		LifecycleScope: pulumi.String("CREATE_ONLY"),
		Triggers:       pulumi.StringMap{"launchTemplateVersion": pulumi.Sprintf("%d", lt.LatestVersion)},
	}, parent, pulumi.DependsOn([]pulumi.Resource{group, policy}))
}

// refreshInput is the invocation's event: the StartInstanceRefresh request, JSON.
func refreshInput(a *MultiAZWebTierArgs, group *autoscaling.Group, lt *ec2.LaunchTemplate, rollbackAlarms pulumi.StringArrayInput) pulumi.StringOutput {
	if rollbackAlarms == nil {
		rollbackAlarms = pulumi.StringArray{}
	}
	return pulumi.All(group.Name, lt.ID(), lt.LatestVersion, rollbackAlarms).ApplyT(func(v []any) (string, error) {
		req := a.Rollout.request(v[0].(string), string(v[1].(pulumi.ID)), v[2].(int), a.HealthCheck.GracePeriodSeconds, v[3].([]string))
		b, err := json.Marshal(req)
		return string(b), err
	}).(pulumi.StringOutput)
}
