package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// instanceRole creates the instances' role with the Session Manager policy inline, the caller's
// managed policies attached, and the instance profile the launch template names.
func instanceRole(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, tags pulumi.StringMap, parent pulumi.ResourceOrInvokeOption) (*iam.Role, *iam.InstanceProfile, error) {
	role, err := iam.NewRole(ctx, name+"-instance-role", &iam.RoleArgs{
		Description:      pulumi.Sprintf("Instances of the %s web tier", name),
		AssumeRolePolicy: pulumi.String(iampolicy.AssumeRole("ec2.amazonaws.com").MustJSON()),
		Tags:             tags,
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	// Session Manager without AmazonSSMManagedInstanceCore, whose ssm:GetParameter(s) on "*"
	// would let instances read every parameter in the account.
	sessionManager, err := SessionManagerPolicy().JSON()
	if err != nil {
		return nil, nil, err
	}
	if _, err := iam.NewRolePolicy(ctx, name+"-session-manager", &iam.RolePolicyArgs{
		Role:   role.Name,
		Policy: pulumi.String(sessionManager),
	}, parent); err != nil {
		return nil, nil, err
	}
	for _, key := range sortedKeys(a.InstancePolicyArns) {
		if _, err := iam.NewRolePolicyAttachment(ctx, name+"-policy-"+key, &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: a.InstancePolicyArns[key],
		}, parent); err != nil {
			return nil, nil, err
		}
	}
	profile, err := iam.NewInstanceProfile(ctx, name+"-instance-profile", &iam.InstanceProfileArgs{
		Role: role.Name,
		Tags: tags,
	}, parent)
	return role, profile, err
}
