package stacks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/appimage"
	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Application is the stack's application, what the tenk:app section will hold (each field is
// the setting named in its comment). The zero value runs the built-in server, so a fresh stack
// needs no configuration. Port and health path are tenk:web.appPort and
// tenk:web.healthCheckPath; the log group keeps tenk:network.flowLogRetentionDays, like the
// stack's other logs.
type Application struct {
	// Image is tenk:app.image, the image to run (webtier.ContainerImage.Reference): pinned by
	// digest, or an ECR tag in the stack's account and region, resolved to its digest at every
	// deploy. Not with Build. Default: "".
	Image string
	// Build is tenk:app.build, a Docker build context (a directory, relative to the project):
	// `pulumi up` builds it for the instances' architecture and pushes it to an ECR repository
	// the stack creates (components/appimage), then deploys that digest. Not with Image.
	// Default: "".
	Build string
	// Dockerfile is tenk:app.dockerfile, the Dockerfile for Build. Default: Build/Dockerfile.
	Dockerfile string
	// Environment is tenk:app.environment: extra variables for the container, plain values
	// (never secrets: they are in the launch template). Default: none.
	Environment map[string]string
	// Command is tenk:app.command, replacing the image's CMD. Default: the image's.
	Command []string
	// KeepReleases is tenk:app.keepReleases, the images the built repository keeps (3–1000).
	// Default: 10.
	KeepReleases int
}

// appKeys names the web tier's and the build's fields by their tenk:app settings.
var appKeys = map[string]string{
	"Application.Image.Reference":        "tenk:app.image",
	"Application.Image.Environment":      "tenk:app.environment",
	"Application.Image.Command":          "tenk:app.command",
	"Application.Image.LogRetentionDays": "tenk:network.flowLogRetentionDays",
	"Context":                            "tenk:app.build",
	"Dockerfile":                         "tenk:app.dockerfile",
	"KeepReleases":                       "tenk:app.keepReleases",
}

// rollout is the instance refresh per environment: prod never lowers serving capacity (launch
// before terminate), replaces half the group, bakes 10 minutes, then the rest; dev rolls the same
// way, faster (half the capacity may be replaced at once, one 5-minute bake).
func rollout(env Environment) webtier.Rollout {
	if env == Prod {
		return webtier.Rollout{} // the web tier's defaults: 100/200 %, checkpoints 50 and 100, 600 s
	}
	return webtier.Rollout{MinHealthyPercentage: pulumi.IntRef(50), MaxHealthyPercentage: 150,
		CheckpointPercentages: []int{100}, BakeSeconds: pulumi.IntRef(300)}
}

// wireApplication puts app on the web tier's args a: the image as it is, or the one built from
// Build (an ImageBuild named "tenk-app-image"); nothing for the zero value. It validates app
// first and reports problems under their tenk:app keys, registering nothing.
func wireApplication(ctx *pulumi.Context, cfg Config, app Application, a *webtier.MultiAZWebTierArgs) error {
	if err := validateApplication(cfg, app, *a); err != nil {
		return err
	}
	if app.Image == "" && app.Build == "" {
		return nil
	}
	img := &webtier.ContainerImage{Reference: pulumi.String(app.Image), Environment: app.Environment,
		Command: app.Command, LogRetentionDays: cfg.Network.FlowLogRetentionDays}
	if app.Build != "" {
		built, err := appimage.NewImageBuild(ctx, "tenk-app-image", buildArgs(cfg, app))
		if err != nil {
			return err
		}
		img.Reference = built.Reference
	}
	a.Application = webtier.Application{Image: img}
	return nil
}

// buildArgs are the image build's args for the stack: the instances' platform, a repository
// that dev may delete with its images.
func buildArgs(cfg Config, app Application) *appimage.ImageBuildArgs {
	platform := appimage.PlatformArm64
	if arch, _ := webtier.InstanceArchitecture(cfg.Web.InstanceType); arch == webtier.ArchX86 {
		platform = appimage.PlatformAmd64
	}
	return &appimage.ImageBuildArgs{Context: app.Build, Dockerfile: app.Dockerfile, Platform: platform,
		KeepReleases: app.KeepReleases, ForceDelete: cfg.Environment == Dev,
		Tags: map[string]string{"tenk:environment": string(cfg.Environment)}}
}

// validateApplication checks app against the rules of the web tier and the build, with every
// problem under its tenk:app key; a variable that a stack setting would replace is refused too.
func validateApplication(cfg Config, app Application, web webtier.MultiAZWebTierArgs) error {
	var l fielderr.List
	if app.Image != "" && app.Build != "" {
		l.Addf("tenk:app.build", "is set with tenk:app.image: give the image to run or the context to build, not both")
	}
	if app.Image == "" && app.Build == "" {
		if len(app.Environment) > 0 || len(app.Command) > 0 {
			l.Addf("tenk:app.image", "is empty while tenk:app.environment or tenk:app.command is set: they configure an image; set tenk:app.image or tenk:app.build")
		}
		return render(l)
	}
	for _, k := range sortedSettingNames() {
		if _, ok := app.Environment[k]; ok {
			l.Addf(fielderr.Key("tenk:app.environment", k), "is a stack setting (see \"What the application reads\"): the stack's value would replace it; rename the variable")
		}
	}
	ref := app.Image
	if app.Build != "" {
		ref = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:" + strings.Repeat("0", 64) // what the build yields
		l.Append(buildArgs(cfg, app).Validate())
	}
	web.Application = webtier.Application{Image: &webtier.ContainerImage{Reference: pulumi.String(ref),
		Environment: app.Environment, Command: app.Command, LogRetentionDays: cfg.Network.FlowLogRetentionDays}}
	var webProblems fielderr.List
	webProblems.Append(web.Validate())
	for _, fe := range webProblems {
		if strings.HasPrefix(fe.Path, "Application.") {
			l = append(l, fe)
		}
	}
	return render(l)
}

// render names every field of l by its config key.
func render(l fielderr.List) error {
	if len(l) == 0 {
		return nil
	}
	lines := make([]string, 0, len(l))
	for _, e := range l {
		lines = append(lines, "  - "+e.Render(func(path string) string {
			base, selector, _ := strings.Cut(path, "[")
			if key, ok := appKeys[base]; ok {
				if selector != "" {
					return key + "[" + selector
				}
				return key
			}
			return path
		}))
	}
	return fmt.Errorf("invalid tenk:app (%d problems; nothing was deployed):\n%s", len(lines), strings.Join(lines, "\n"))
}

// settingNames are the variables the stack publishes (appSettings), which an application's own
// environment may not reuse.
var settingNames = []string{"ASSETS_BUCKET", "CACHE_AUTH_SECRET_ARN", "CACHE_HOST", "CACHE_PORT", "CACHE_READER_HOST",
	"DB_HOST", "DB_IAM_AUTH", "DB_IAM_USER", "DB_NAME", "DB_PORT", "DB_READER_HOSTS", "DB_SECRET_ARN",
	"SESSION_TABLE", "SESSION_TTL_ATTR", "SITE_URL"}

func sortedSettingNames() []string { return slices.Sorted(slices.Values(settingNames)) }

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
