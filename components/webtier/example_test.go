package webtier_test

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/webtier"
)

// ExampleNewMultiAZWebTier embeds the web tier without CloudFront in someone else's Pulumi
// program: an internet-facing ALB in the public subnets they already have, with an ACM
// certificate (required: port 80 only redirects to HTTPS), an access-log bucket they own, and
// their application's image.
func ExampleNewMultiAZWebTier() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		web, err := webtier.NewMultiAZWebTier(ctx, "shop-web", &webtier.MultiAZWebTierArgs{
			Ingress: webtier.IngressInternet,
			VpcID:   pulumi.String("vpc-0a1b2c3d4e5f67890"),
			InstanceSubnetIDs: []pulumi.StringInput{
				pulumi.String("subnet-0aaa1111private"), pulumi.String("subnet-0bbb2222private"), pulumi.String("subnet-0ccc3333private"),
			},
			LoadBalancerSubnetIDs: []pulumi.StringInput{
				pulumi.String("subnet-0aaa1111public"), pulumi.String("subnet-0bbb2222public"), pulumi.String("subnet-0ccc3333public"),
			},
			VpcCidrBlock:   pulumi.String("10.20.0.0/16"),
			CertificateArn: pulumi.String("arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab"),
			AccessLogs:     webtier.AccessLogs{Bucket: pulumi.String("shop-alb-logs-eu-west-1"), Prefix: "web"},
			HealthCheck:    webtier.HealthCheck{Path: "/healthz", Matcher: "200-299"},
			InstanceType:   "c7g.large",
			Scaling:        webtier.Scaling{Metric: webtier.ScaleOnRequestCount, Target: 800},
			// Their release: an ECR tag, resolved to its digest at deploy; the launch template
			// carries the digest, and a new one rolls out with rollback on the tier's alarms.
			Application: webtier.Application{Image: &webtier.ContainerImage{
				Reference:   pulumi.String("123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:v42"),
				Environment: map[string]string{"LOG_LEVEL": "info"},
				Command:     []string{"serve", "--workers=4"},
			}},
			InstancePolicyArns: map[string]pulumi.StringInput{
				"read-config": pulumi.String("arn:aws:iam::123456789012:policy/shop-read-config"),
			},
			AlarmTopicArn: pulumi.String("arn:aws:sns:eu-west-1:123456789012:shop-oncall"),
			Tags:          map[string]string{"team": "shop"},
		})
		if err != nil {
			return err
		}
		ctx.Export("url", web.URL)
		// A database admits the instances by security group, never by CIDR.
		ctx.Export("webSecurityGroupId", web.InstanceSecurityGroupID)
		return nil
	})
}
