package stacks

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// originAdmission resolves the web tier's admitted peer, CloudFront's VPC-origin security group,
// which exists only once the CDN's VPC origin (built from the load balancer's ARN) does: the web
// tier takes its ID as a deferred output, resolved by a lookup ordered after the VPC origin.
type originAdmission struct {
	resolve  func(pulumi.Output)
	admitted bool
}

// deferOriginSecurityGroup puts the deferred group ID on w.
func deferOriginSecurityGroup(ctx *pulumi.Context, w *wiring) *originAdmission {
	originSG, resolve := pulumi.DeferredOutput[string](ctx.Context())
	w.vpcOriginSecurityGroupID = pulumi.StringOutput{OutputState: originSG.OutputState}
	return &originAdmission{resolve: resolve}
}

// admit resolves the group ID.
func (a *originAdmission) admit(groupID pulumi.Output) {
	a.resolve(groupID)
	a.admitted = true
}

// failUnlessAdmitted fails the pending rule when the deploy stopped before the VPC origin, rather
// than leave it waiting forever.
func (a *originAdmission) failUnlessAdmitted() {
	if !a.admitted {
		a.resolve(pulumi.String("").ToStringOutput().ApplyT(func(string) (string, error) {
			return "", errors.New("the CloudFront VPC origin was not created, so its security group cannot be admitted")
		}))
	}
}
