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
// terraform-provider-aws internal/service/lambda/invocation.go: with lifecycle_scope CRUD a changed input is an update (only triggers and function_name force a replacement), create, update and delete each invoke, and the event is the input plus terraform_key ("tf"): {"action": "create"|"update"|"delete", "prev_input": the previous input}.
//
// So the group ignores its launchTemplate after creation (group.go) and keeps the last release
// that rolled out; a new launch template version (or template) replaces the invocation below
// (its triggers), which runs startRefreshSource with the StartInstanceRefresh request as a
// create; AWS saves the new version on the group only when the refresh succeeds. A changed
// preference, alarm or warmup alone is an update, which starts nothing: after a rollback the
// template's latest version is the bad release, and an unrelated change must not restart it.
// `pulumi up --replace <the invocation's URN>` retries the same release. A failed create is
// not recorded, so a plain `pulumi up` retries a release that found a refresh still running.

//go:embed refresh/start_refresh.py
var startRefreshSource string

// StartRefreshSource is the rollout function's Python (handler start_refresh.handler): on the
// invocation's create it starts the refresh its event asks for (without the "tf" key), unless the
// group already saves that version; on update (a change of preferences only) and delete nothing. It fails (failing `pulumi up`) while another refresh of the group is still running,
// and turns AutoRollback off for a refresh from a saved version whose AMI is "resolve:ssm:".
func StartRefreshSource() string { return startRefreshSource }

// rolloutLogRetentionDays is how long the rollout function's log group keeps its few lines.
const rolloutLogRetentionDays = 90

// RolloutFunctionPolicy is what the rollout function may do: start an instance refresh of
// exactly groupArn; read the group and its refreshes (autoscaling:Describe* have no resource-level
// permission: Service Authorization Reference for Amazon EC2 Auto Scaling); use the launch
// template (an instance refresh with a desired configuration checks the caller may launch it:
// ec2:RunInstances limited by ec2:LaunchTemplate to that template, ec2:CreateTags only while
// launching, iam:PassRole of exactly the instance role to EC2; Auto Scaling user guide, "Control
// Amazon EC2 launch template usage in Auto Scaling groups"); read the group's saved launch
// template version (its ImageId: no rollback to a "resolve:ssm:" AMI); and write its own log group.
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
// invocation waits for the group (it reads the group's saved version) and for the policy. It is
// never protected, even when an embedder protects the whole component (Pulumi passes a
// component's Protect to its children unless they set their own): each new version replaces it.
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
	// A role created in the same deploy may not be assumable by Lambda yet; the provider retries
	// CreateFunction on exactly that error (terraform-provider-aws internal/service/lambda/function.go, retryFunctionOp).
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
		// CRUD: a new template or version replaces it (triggers: a create, which starts the
		// refresh, and a failed one is retried by the next `up`); any other change of the
		// request is an update, which starts nothing; a delete does nothing. The function strips the "tf" key CRUD adds.
		LifecycleScope: pulumi.String("CRUD"),
		Triggers: pulumi.StringMap{
			"launchTemplateId":      lt.ID().ToStringOutput(),
			"launchTemplateVersion": pulumi.Sprintf("%d", lt.LatestVersion),
		},
	}, parent, pulumi.DependsOn([]pulumi.Resource{group, policy}),
		// After parent: an explicit Protect is not replaced by the component's (Go SDK
		// v3.274.1, context.go: a child takes its parent's protect only when its own is unset).
		pulumi.Protect(false))
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
