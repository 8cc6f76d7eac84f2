package cache_test

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cache"
)

// A Valkey cache in the caller's own VPC: two isolated subnets in two AZs, reachable only from the
// application's security group. Clients read the AUTH token and host from the secret and connect
// with TLS.
func ExampleNewCacheCluster() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		vpc, err := ec2.NewVpc(ctx, "app", &ec2.VpcArgs{CidrBlock: pulumi.String("10.20.0.0/16")})
		if err != nil {
			return err
		}
		azs := []string{"eu-west-1a", "eu-west-1b"}
		var subnets []pulumi.StringInput
		for i, az := range azs {
			subnet, err := ec2.NewSubnet(ctx, fmt.Sprintf("data-%d", i), &ec2.SubnetArgs{
				VpcId:            vpc.ID(),
				AvailabilityZone: pulumi.String(az),
				CidrBlock:        pulumi.Sprintf("10.20.%d.0/24", 100+i),
			})
			if err != nil {
				return err
			}
			subnets = append(subnets, subnet.ID())
		}
		app, err := ec2.NewSecurityGroup(ctx, "app", &ec2.SecurityGroupArgs{VpcId: vpc.ID()})
		if err != nil {
			return err
		}

		sessions, err := cache.NewCacheCluster(ctx, "sessions", &cache.CacheClusterArgs{
			VpcID:                   vpc.ID(),
			SubnetIDs:               subnets,
			AvailabilityZones:       azs,
			AllowedSecurityGroupIDs: []pulumi.StringInput{app.ID()},
			// The rest are production defaults: Valkey, a primary and a replica in different AZs
			// with automatic failover, TLS, AUTH, 7-day snapshots, a final snapshot and logs.
			Protect: true,
		})
		if err != nil {
			return err
		}
		ctx.Export("cacheHost", sessions.PrimaryEndpoint)
		ctx.Export("cacheReaderHost", sessions.ReaderEndpoint)
		ctx.Export("cachePort", pulumi.Int(sessions.Port))
		ctx.Export("cacheAuthSecretArn", sessions.AuthSecretArn)
		return nil
	})
}
