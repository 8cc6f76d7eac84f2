package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// release is what the launch template runs for an image: the reference pinned by digest and
// the log group its container writes to.
type release struct {
	image    pulumi.StringOutput
	logGroup *cloudwatch.LogGroup
	// ready are the grants the instances need before they can pull and log (the image policy).
	ready []pulumi.Resource
}

// imageRelease creates the application's log group and the instance role's inline policy for
// the image (ContainerPolicy: exactly that log group, and exactly the image's ECR repository),
// and pins the reference to its digest. The policy is computed from the pinned reference, so an
// output reference (a build in this deploy) is granted the repository it resolves to.
func imageRelease(ctx *pulumi.Context, name string, img ContainerImage, role *iam.Role, tags pulumi.StringMap, parent pulumi.ResourceOrInvokeOption, w pulumi.Resource) (*release, error) {
	logs, err := cloudwatch.NewLogGroup(ctx, name+"-app-logs", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(img.LogRetentionDays),
		Tags:            tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	image := releaseReference(ctx, name, img.Reference, w)
	doc := pulumi.All(logs.Arn, image).ApplyT(func(v []any) (string, error) {
		r, _ := ParseImageRef(v[1].(string)) // releaseReference returns a digest reference
		return ContainerPolicy(v[0].(string), r.ECR).JSON()
	}).(pulumi.StringOutput)
	grant, err := iam.NewRolePolicy(ctx, name+"-image", &iam.RolePolicyArgs{Role: role.Name, Policy: doc}, parent)
	if err != nil {
		return nil, err
	}
	return &release{image: image, logGroup: logs, ready: []pulumi.Resource{grant}}, nil
}
