package stacks

import "github.com/tenkstack/tenk/components/webtier"

// WebConfig is tenk:web; each field is set by one row of webSection below, which
// documents it with its key, baselines and limits.
type WebConfig struct {
	InstanceType       string
	MinSize            int
	MaxSize            int
	DesiredCapacity    int
	AppPort            int
	HealthCheckPath    string
	StickySessions     bool
	StickinessSeconds  int
	ScalingMetric      string
	ScalingTarget      float64
	DeletionProtection bool
	AccessLogs         bool
	DetailedMonitoring bool
}

// webSection is tenk:web, the MultiAZWebTier component (components/webtier).
var webSection = section{
	name: "web", args: "webtier.MultiAZWebTierArgs", summary: "web tier",
	settings: []setting{
		row("instanceType", "InstanceType", "t4g.small", "m7g.large",
			"an EC2 type; Graviton types (t4g, m7g, …) get an arm64 image",
			"The instances' EC2 type.",
			func(c *Config) *string { return &c.Web.InstanceType }),
		row("minSize", "Scaling.MinSize", 1, 3, "≥ 0, ≤ `desiredCapacity`",
			"The Auto Scaling group's minimum size.",
			func(c *Config) *int { return &c.Web.MinSize }),
		row("maxSize", "Scaling.MaxSize", 2, 12, "≥ 1, ≥ `minSize`",
			"The Auto Scaling group's maximum size.",
			func(c *Config) *int { return &c.Web.MaxSize }),
		row("desiredCapacity", "Scaling.DesiredCapacity", 1, 3, "`minSize`–`maxSize`",
			"The group's size at creation; later deploys leave it to autoscaling.",
			func(c *Config) *int { return &c.Web.DesiredCapacity }),
		row("appPort", "AppPort", 8080, 8080, "1–65535",
			"The port instances serve HTTP on.",
			func(c *Config) *int { return &c.Web.AppPort }),
		row("healthCheckPath", "HealthCheck.Path", "/healthz", "/healthz", "starts with `/`",
			"The target group's health-check path.",
			func(c *Config) *string { return &c.Web.HealthCheckPath }),
		row("stickySessions", "StickySessions", false, false, "",
			"Pin each client to one instance with a load-balancer cookie.",
			func(c *Config) *bool { return &c.Web.StickySessions }),
		row("stickinessDurationSeconds", "StickinessDurationSeconds", 3600, 3600, "1–604800 s",
			"The stickiness cookie's lifetime.",
			func(c *Config) *int { return &c.Web.StickinessSeconds }),
		row("scalingMetric", "Scaling.Metric", "cpu", "cpu", "`cpu` or `requests`",
			"What target tracking holds steady: CPU % or requests per target per minute.",
			func(c *Config) *string { return &c.Web.ScalingMetric }).
			oneOf(word{"cpu", webtier.ScaleOnCPU}, word{"requests", webtier.ScaleOnRequestCount}),
		row("scalingTarget", "Scaling.Target", 60.0, 50.0, "`cpu`: 1–100 %; `requests`: > 0 (baseline 1000)",
			"The tracked value.",
			func(c *Config) *float64 { return &c.Web.ScalingTarget }),
		row("deletionProtection", "DeletionProtection", false, true, "",
			"Block deleting the load balancer.",
			func(c *Config) *bool { return &c.Web.DeletionProtection }),
		row("accessLogs", "AccessLogs.Enabled", false, true, "",
			"ALB access logs to a private bucket the tier creates.",
			func(c *Config) *bool { return &c.Web.AccessLogs }),
		row("detailedMonitoring", "DetailedMonitoring", false, true, "",
			"Instance metrics every minute instead of five.",
			func(c *Config) *bool { return &c.Web.DetailedMonitoring }),
	},
	// The origin certificate's name is "origin." + tenk:domain.
	aliases: map[string]string{"Domain.Name": "tenk:domain"},
}
