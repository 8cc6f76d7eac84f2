package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// targetGroup is the instances' target group: HTTP on AppPort, health-checked on
// HealthCheck.Path, draining for DeregistrationDelaySeconds.
func targetGroup(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, tags pulumi.StringMap, opts ...pulumi.ResourceOption) (*lb.TargetGroup, error) {
	return lb.NewTargetGroup(ctx, name+"-tg", &lb.TargetGroupArgs{
		VpcId:    a.VpcID,
		Port:     pulumi.Int(a.AppPort),
		Protocol: pulumi.String("HTTP"),
		// The ASG registers instance IDs, so the targets must be of type instance (awsx's default
		// is ip): ELB "Target type", EC2 Auto Scaling "Attach a load balancer".
		TargetType:          pulumi.String("instance"),
		DeregistrationDelay: pulumi.Int(*a.DeregistrationDelaySeconds),
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Enabled:            pulumi.Bool(true),
			Protocol:           pulumi.String("HTTP"),
			Port:               pulumi.String("traffic-port"),
			Path:               pulumi.String(a.HealthCheck.Path),
			Matcher:            pulumi.String(a.HealthCheck.Matcher),
			Interval:           pulumi.Int(a.HealthCheck.IntervalSeconds),
			Timeout:            pulumi.Int(a.HealthCheck.TimeoutSeconds),
			HealthyThreshold:   pulumi.Int(a.HealthCheck.HealthyThreshold),
			UnhealthyThreshold: pulumi.Int(a.HealthCheck.UnhealthyThreshold),
		},
		// Always sent, so switching stickiness off really turns it off.
		Stickiness: &lb.TargetGroupStickinessArgs{
			Type:           pulumi.String("lb_cookie"),
			Enabled:        pulumi.Bool(a.StickySessions),
			CookieDuration: pulumi.Int(a.StickinessDurationSeconds),
		},
		Tags: tags,
	}, opts...)
}
