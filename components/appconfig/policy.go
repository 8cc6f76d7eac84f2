package appconfig

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// readPolicy is the read policy's document: GetParameter(s) on every parameter under prefix and
// GetParametersByPath on the path (ReadResources). Secrets a setting points to (DB_SECRET_ARN)
// are granted by the tier that owns them (database and cache SecretReadPolicy).
func readPolicy(parameterArnPrefix, prefix string) iampolicy.Document {
	byPath, parameters := ReadResources(parameterArnPrefix, prefix)
	return iampolicy.New(
		iampolicy.Allow("ReadSettings", []string{"ssm:GetParameter", "ssm:GetParameters"}, parameters),
		iampolicy.Allow("ReadSettingsByPath", "ssm:GetParametersByPath", byPath),
	)
}

// grantRead creates the read policy and attaches it to every role, one attachment each, and
// returns the policy and the attachments.
func grantRead(ctx *pulumi.Context, name string, args *AppConfigArgs, parameterArnPrefix pulumi.StringOutput, tags pulumi.StringMap, parent pulumi.ResourceOption) (*iam.Policy, []pulumi.Resource, error) {
	document := parameterArnPrefix.ApplyT(func(arnPrefix string) (string, error) {
		return readPolicy(arnPrefix, args.Prefix).JSON()
	}).(pulumi.StringOutput)
	policy, err := iam.NewPolicy(ctx, name+"-read", &iam.PolicyArgs{
		// Kept word for word although secrets are now granted by their tiers: IAM cannot change a
		// policy's description in place, so new words would replace the policy.
		Description: pulumi.Sprintf("Read the %s settings and secrets", args.Prefix),
		Policy:      document,
		Tags:        tags,
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	var attachments []pulumi.Resource
	for i, role := range args.Roles {
		a, err := iam.NewRolePolicyAttachment(ctx, fmt.Sprintf("%s-attach-%d", name, i), &iam.RolePolicyAttachmentArgs{
			Role:      role,
			PolicyArn: policy.Arn,
		}, parent)
		if err != nil {
			return nil, nil, err
		}
		attachments = append(attachments, a)
	}
	return policy, attachments, nil
}
