package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/configschema"
)

// webSection is tenk:web, the MultiAZWebTier component (components/webtier).
var webSection = configschema.Section[Config]{
	Name: "web", Args: "Web", Summary: "web tier",
	Rows: []configschema.Row{
		configschema.Setting("instanceType", "Web.InstanceType",
			"an EC2 type; Graviton types (t4g, m7g, …) get an arm64 image",
			"The instances' EC2 type."),
		configschema.Setting("minSize", "Web.Scaling.MinSize", "≥ 0, ≤ `desiredCapacity`",
			"The Auto Scaling group's minimum size."),
		configschema.Setting("maxSize", "Web.Scaling.MaxSize", "≥ 1, ≥ `minSize`",
			"The Auto Scaling group's maximum size."),
		configschema.Setting("desiredCapacity", "Web.Scaling.DesiredCapacity", "`minSize`–`maxSize`",
			"The group's size at creation; later deploys leave it to autoscaling."),
		configschema.Setting("appPort", "Web.AppPort", "1–65535",
			"The port instances serve HTTP on."),
		configschema.Setting("healthCheckPath", "Web.HealthCheck.Path", "starts with `/`",
			"The target group's health-check path."),
		configschema.Setting("stickySessions", "Web.StickySessions", "",
			"Pin each client to one instance with a load-balancer cookie."),
		configschema.Setting("stickinessDurationSeconds", "Web.StickinessDurationSeconds", "1–604800 s",
			"The stickiness cookie's lifetime."),
		configschema.Setting("scalingMetric", "Web.Scaling.Metric", "`cpu` or `requests`",
			"What target tracking holds steady: CPU % or requests per target per minute.").
			OneOf(configschema.Word{Word: "cpu", Value: webtier.ScaleOnCPU}, configschema.Word{Word: "requests", Value: webtier.ScaleOnRequestCount}),
		configschema.Setting("scalingTarget", "Web.Scaling.Target", "`cpu`: 1–100 %; `requests`: > 0",
			"The tracked value."),
		configschema.Setting("deletionProtection", "Web.DeletionProtection", "",
			"Block deleting the load balancer."),
		configschema.Setting("accessLogs", "Web.AccessLogs.Enabled", "",
			"ALB access logs to a private bucket the tier creates."),
		configschema.Setting("detailedMonitoring", "Web.DetailedMonitoring", "",
			"Instance metrics every minute instead of five."),
		configschema.Setting("idleTimeoutSeconds", "Web.IdleTimeoutSeconds", "1–4000 s",
			"How long the load balancer keeps an idle connection open; raise it for long polling or slow uploads."),
		configschema.Setting("rollbackOnAlarms", "Web.Rollout.RollbackOnAlarms", "",
			"Roll a release back when the 5xx or unhealthy-host alarms fire; `false` for the one deploy of a hotfix while they already fire (failed health checks still roll back)."),
	},
	// The origin certificate's name is "origin." + tenk:domain.
	Aliases: map[string]string{"Web.Domain.Name": "tenk:domain"},
	Variants: []configschema.Variant[Config]{{
		When:  "`tenk:web.scalingMetric` to `requests`",
		Keys:  []string{"scalingMetric"},
		Holds: func(c *Config) bool { return c.Web.Scaling.Metric == webtier.ScaleOnRequestCount },
		// Unset: the web tier's default for requests. The baseline targets are CPU percentages;
		// as requests per target per minute they would scale out at a trickle.
		Apply:    func(b *Config) { b.Web.Scaling.Target = 0 },
		Replaced: "`scalingTarget` becomes the web tier's default for requests, 1000 requests per target per minute (the baseline is a CPU %)",
		Because:  "the baseline targets are CPU percentages",
	}},
	Baseline: func(c *Config) { c.Web = webBaseline(c.Environment) },
	Parts: func(c Config) []configschema.Part {
		return []configschema.Part{part("Web", *webArgs(c, placeholderWiring(c)))}
	},
}

// webBaseline is tenk:web's baseline: dev runs one small Graviton instance (up to two) with no
// deletion protection, access logs or detailed monitoring, and its access-log bucket goes with
// the stack; prod runs three m7g.large (up to twelve) with all of them. Both hold a CPU target.
func webBaseline(env Environment) webtier.MultiAZWebTierArgs {
	prod := env == Prod
	return webtier.MultiAZWebTierArgs{
		InstanceType: either(env, "t4g.small", "m7g.large"),
		Scaling: webtier.Scaling{
			MinSize:         pulumi.IntRef(either(env, 1, 3)),
			MaxSize:         either(env, 2, 12),
			DesiredCapacity: pulumi.IntRef(either(env, 1, 3)),
			Metric:          webtier.ScaleOnCPU,
			Target:          either(env, 60.0, 50.0),
		},
		AppPort:                   8080,
		HealthCheck:               webtier.HealthCheck{Path: "/healthz"},
		StickinessDurationSeconds: 3600,
		DeletionProtection:        pulumi.BoolRef(prod),
		AccessLogs:                webtier.AccessLogs{Enabled: pulumi.BoolRef(prod), ForceDestroy: !prod},
		DetailedMonitoring:        pulumi.BoolRef(prod),
	}
}
