package database_test

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/database"
)

// A Pulumi program that brings its own VPC, isolated subnets and application security group, and
// embeds a production database: Multi-AZ PostgreSQL with two read replicas, readable by the app's
// role.
func ExampleNewRdsWithReplicas() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		vpc, err := ec2.NewVpc(ctx, "app-vpc", &ec2.VpcArgs{CidrBlock: pulumi.String("10.20.0.0/16")})
		if err != nil {
			return err
		}
		azs := []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}
		var subnetIDs []pulumi.StringInput
		for i, az := range azs {
			subnet, err := ec2.NewSubnet(ctx, fmt.Sprintf("app-db-subnet-%d", i), &ec2.SubnetArgs{
				VpcId:            vpc.ID(),
				CidrBlock:        pulumi.Sprintf("10.20.%d.0/24", 100+i),
				AvailabilityZone: pulumi.String(az),
			})
			if err != nil {
				return err
			}
			subnetIDs = append(subnetIDs, subnet.ID())
		}
		appSG, err := ec2.NewSecurityGroup(ctx, "app-sg", &ec2.SecurityGroupArgs{VpcId: vpc.ID()})
		if err != nil {
			return err
		}

		db, err := database.NewRdsWithReplicas(ctx, "orders-db", &database.RdsWithReplicasArgs{
			VpcID:                   vpc.ID(),
			SubnetIDs:               subnetIDs,
			AvailabilityZones:       azs,
			AllowedSecurityGroupIDs: []pulumi.StringInput{appSG.ID()},
			ReadReplicas:            2,
			Protect:                 true,
		})
		if err != nil {
			return err
		}

		// "The app may read the credentials" is one policy on the app's role.
		appRole, err := iam.NewRole(ctx, "app-role", &iam.RoleArgs{
			AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		})
		if err != nil {
			return err
		}
		if _, err := iam.NewRolePolicy(ctx, "app-reads-db-secret", &iam.RolePolicyArgs{
			Role:   appRole.ID(),
			Policy: db.SecretReadPolicy(),
		}); err != nil {
			return err
		}

		ctx.Export("dbWriter", db.WriterEndpoint)
		ctx.Export("dbReaders", db.ReaderEndpoints)
		ctx.Export("dbSecretArn", db.SecretArn)
		return nil
	})
}
