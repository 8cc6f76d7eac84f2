package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Scaling is the Auto Scaling group's size and its target tracking (Rollout is its instance
// refresh). The zero value is the defaults: one instance per AZ, up to three times that,
// tracking 50% CPU.
type Scaling struct {
	// MinSize is the group's minimum size, ≥0. Default: len(InstanceSubnetIDs), one per AZ.
	MinSize *int
	// MaxSize is the group's maximum size, ≥ MinSize and ≥1. Default: 3 × MinSize (at least 3).
	MaxSize int
	// DesiredCapacity is the initial size, MinSize–MaxSize; later deploys leave it to
	// autoscaling. Default: MinSize.
	DesiredCapacity *int
	// Metric is what target tracking holds steady. Default: ScaleOnCPU (requests per target
	// depends on the application; CPU does not).
	Metric ScalingMetric
	// Target is the tracked value: percent CPU (1–100) or requests per target per minute (>0).
	// Default: 50 for CPU, 1000 for requests.
	Target float64
}

// withDefaults fills the defaults; azs is the number of instance subnets.
func (s Scaling) withDefaults(azs int) Scaling {
	if s.MinSize == nil {
		s.MinSize = argutil.Ptr(azs)
	}
	if s.MaxSize == 0 {
		s.MaxSize = defaultMaxSizePerMinSize * max(*s.MinSize, 1)
	}
	if s.DesiredCapacity == nil {
		s.DesiredCapacity = argutil.Ptr(*s.MinSize)
	}
	if s.Metric == "" {
		s.Metric = ScaleOnCPU
	}
	if s.Target == 0 {
		s.Target = defaultCPUTarget
		if s.Metric == ScaleOnRequestCount {
			s.Target = defaultRequestsPerTarget
		}
	}
	return s
}

// validate checks a defaulted Scaling at path.
func (s Scaling) validate(path string, l *fielderr.List) {
	at := func(field string) string { return fielderr.Field(path, field) }
	minSize, desired := *s.MinSize, *s.DesiredCapacity
	if minSize < 0 {
		l.Addf(at("MinSize"), "is %d: use 0 or more", minSize)
	}
	if s.MaxSize < 1 || s.MaxSize < minSize {
		l.Addf(at("MaxSize"), "is %d: it must be at least 1 and at least %s (%d)", s.MaxSize, fielderr.Ref(at("MinSize")), minSize)
	}
	if desired < minSize || desired > s.MaxSize {
		l.Addf(at("DesiredCapacity"), "is %d: it must lie between %s (%d) and %s (%d)",
			desired, fielderr.Ref(at("MinSize")), minSize, fielderr.Ref(at("MaxSize")), s.MaxSize)
	}
	switch s.Metric {
	case ScaleOnCPU:
		if s.Target <= 0 || s.Target > 100 {
			l.Addf(at("Target"), "is %g: CPU utilisation is a percentage, use 1–100", s.Target)
		}
	case ScaleOnRequestCount:
		if s.Target <= 0 {
			l.Addf(at("Target"), "is %g: requests per target must be positive", s.Target)
		}
	default:
		fielderr.OneOf(l, at("Metric"), s.Metric, ScaleOnCPU, ScaleOnRequestCount)
	}
}

// scalingPolicy is the group's target tracking: CPU, or ALB requests per target labelled by the
// ALB and target group ("app/<alb>/<id>/targetgroup/<tg>/<id>",
// PredefinedMetricSpecification.ResourceLabel).
func scalingPolicy(ctx *pulumi.Context, name string, s Scaling, asg *autoscaling.Group, alb *lb.LoadBalancer, tg *lb.TargetGroup, opts ...pulumi.ResourceOption) error {
	metric := &autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs{
		PredefinedMetricType: pulumi.String("ASGAverageCPUUtilization"),
	}
	if s.Metric == ScaleOnRequestCount {
		metric = &autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs{
			PredefinedMetricType: pulumi.String("ALBRequestCountPerTarget"),
			ResourceLabel:        pulumi.Sprintf("%s/%s", alb.ArnSuffix, tg.ArnSuffix),
		}
	}
	_, err := autoscaling.NewPolicy(ctx, name+"-scaling", &autoscaling.PolicyArgs{
		AutoscalingGroupName: asg.Name,
		PolicyType:           pulumi.String("TargetTrackingScaling"),
		TargetTrackingConfiguration: &autoscaling.PolicyTargetTrackingConfigurationArgs{
			TargetValue:                   pulumi.Float64(s.Target),
			PredefinedMetricSpecification: metric,
		},
	}, opts...)
	return err
}
