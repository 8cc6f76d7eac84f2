package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// balancer is the ALB and what hangs off it.
type balancer struct {
	alb        *lb.LoadBalancer
	logsBucket pulumi.StringOutput
	listeners  []pulumi.Resource
}

// loadBalancer creates the ALB (with its access-log bucket when the tier owns one), the
// certificate and alias record when a Domain is given (a now carries the issued certificate, so
// listeners and URL treat it as the caller's), and the listeners forwarding to tg.
func loadBalancer(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, sg pulumi.StringInput, tg *lb.TargetGroup, tags pulumi.StringMap, parent pulumi.ResourceOrInvokeOption) (*balancer, error) {
	albArgs := &lb.LoadBalancerArgs{
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(a.Ingress == IngressInternal),
		Subnets:                  pulumi.StringArray(a.LoadBalancerSubnetIDs),
		SecurityGroups:           append(pulumi.StringArray{sg}, a.ExtraLoadBalancerSecurityGroupIDs...),
		DropInvalidHeaderFields:  pulumi.Bool(true),
		EnableHttp2:              pulumi.Bool(true),
		DesyncMitigationMode:     pulumi.String("defensive"),
		EnableDeletionProtection: pulumi.Bool(*a.DeletionProtection),
		IdleTimeout:              pulumi.Int(a.IdleTimeoutSeconds),
		Tags:                     tags,
	}
	albOpts := []pulumi.ResourceOption{parent}
	b := &balancer{logsBucket: pulumi.String("").ToStringOutput()}
	if *a.AccessLogs.Enabled {
		// ELB "Enable access logs": the bucket must be in the ALB's region, use SSE-S3 and carry
		// the log-delivery bucket policy, or the attribute update fails.
		var bucket pulumi.StringInput = a.AccessLogs.Bucket
		if bucket == nil {
			logs, err := newAccessLogsBucket(ctx, name, a, tags, parent)
			if err != nil {
				return nil, err
			}
			bucket = logs.bucket.Bucket
			albOpts = append(albOpts, pulumi.DependsOn(logs.ready))
		}
		b.logsBucket = bucket.ToStringOutput()
		logs := &lb.LoadBalancerAccessLogsArgs{Bucket: bucket, Enabled: pulumi.Bool(true)}
		if a.AccessLogs.Prefix != "" {
			logs.Prefix = pulumi.String(a.AccessLogs.Prefix)
		}
		albArgs.AccessLogs = logs
	}
	var err error
	if b.alb, err = lb.NewLoadBalancer(ctx, name+"-alb", albArgs, albOpts...); err != nil {
		return nil, err
	}
	if d := a.Domain; d != nil {
		if a.CertificateArn, err = issueCertificate(ctx, name, d, tags, parent); err != nil {
			return nil, err
		}
		if err := aliasRecord(ctx, name, d, b.alb, parent); err != nil {
			return nil, err
		}
	}
	b.listeners, err = createListeners(ctx, name, a, b.alb, tg, tags, parent)
	return b, err
}

// createListeners adds HTTPS (TLS 1.2+) with an HTTP→HTTPS 301 redirect when a certificate is
// given and the ALB is internet-facing, HTTPS alone behind CloudFront or internally (only one port
// is admitted there), or, only for an internal ALB without a certificate, plain HTTP.
func createListeners(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, alb *lb.LoadBalancer, tg *lb.TargetGroup, tags pulumi.StringMap, opts ...pulumi.ResourceOption) ([]pulumi.Resource, error) {
	forward := lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{Type: pulumi.String("forward"), TargetGroupArn: tg.Arn}}
	if a.CertificateArn == nil {
		http, err := lb.NewListener(ctx, name+"-http", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(80),
			Protocol:        pulumi.String("HTTP"),
			DefaultActions:  forward,
			Tags:            tags,
		}, opts...)
		if err != nil {
			return nil, err
		}
		return []pulumi.Resource{http}, nil
	}
	https, err := lb.NewListener(ctx, name+"-https", &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(443),
		Protocol:        pulumi.String("HTTPS"),
		CertificateArn:  a.CertificateArn,
		// Set explicitly: the API's fallback is ELBSecurityPolicy-2016-08 (TLS 1.0/1.1),
		// ELB "Security policies for your Application Load Balancer".
		SslPolicy:      pulumi.String(a.SslPolicy),
		DefaultActions: forward,
		Tags:           tags,
	}, opts...)
	if err != nil {
		return nil, err
	}
	out := []pulumi.Resource{https}
	if a.Ingress == IngressInternet {
		http, err := lb.NewListener(ctx, name+"-http", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(80),
			Protocol:        pulumi.String("HTTP"),
			DefaultActions: lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
				Type: pulumi.String("redirect"),
				Redirect: &lb.ListenerDefaultActionRedirectArgs{
					Protocol:   pulumi.String("HTTPS"),
					Port:       pulumi.String("443"),
					StatusCode: pulumi.String("HTTP_301"),
				},
			}},
			Tags: tags,
		}, opts...)
		if err != nil {
			return nil, err
		}
		out = append(out, http)
	}
	return out, nil
}
