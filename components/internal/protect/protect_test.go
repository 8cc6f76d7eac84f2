package protect_test

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/tenkstack/tenk/components/internal/protect"
	"github.com/tenkstack/tenk/internal/testkit"
)

type component struct{ pulumi.ResourceState }

// Protect reaches exactly the stateful children, also those of a nested component, and nothing
// when it is off.
func TestStateful(t *testing.T) {
	for _, on := range []bool{false, true} {
		m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
			c := &component{}
			if err := ctx.RegisterComponentResource("test:index:Outer", "outer", c, protect.Register(on, nil)...); err != nil {
				return err
			}
			inner := &component{}
			if err := ctx.RegisterComponentResource("test:index:Inner", "inner", inner, pulumi.Parent(c)); err != nil {
				return err
			}
			if _, err := s3.NewBucketV2(ctx, "bucket", &s3.BucketV2Args{}, pulumi.Parent(c)); err != nil {
				return err
			}
			if _, err := secretsmanager.NewSecret(ctx, "secret", &secretsmanager.SecretArgs{}, pulumi.Parent(inner)); err != nil {
				return err
			}
			_, err := s3.NewBucketPublicAccessBlock(ctx, "block", &s3.BucketPublicAccessBlockArgs{Bucket: pulumi.String("b")}, pulumi.Parent(c))
			return err
		}, testkit.RunOptions{})
		for _, r := range m.Resources() {
			want := on && (r.Name == "bucket" || r.Name == "secret")
			assert.Equal(t, want, r.Protect, "on=%t: %s", on, r.Name)
		}
	}
}

// A caller's RetainOnDelete reaches every child alongside Protect: one transformation carries
// both (the SDK keeps only the last transformation's result).
func TestRetainOnDeleteWithProtect(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		c := &component{}
		if err := ctx.RegisterComponentResource("test:index:Outer", "outer", c, protect.Register(true, []pulumi.ResourceOption{pulumi.RetainOnDelete(true)})...); err != nil {
			return err
		}
		if _, err := s3.NewBucketV2(ctx, "bucket", &s3.BucketV2Args{}, pulumi.Parent(c)); err != nil {
			return err
		}
		_, err := s3.NewBucketPublicAccessBlock(ctx, "block", &s3.BucketPublicAccessBlockArgs{Bucket: pulumi.String("b")}, pulumi.Parent(c))
		return err
	}, testkit.RunOptions{})
	for _, r := range m.Resources() {
		if r.Name == "outer" {
			continue
		}
		assert.True(t, r.RetainOnDelete, "%s is retained", r.Name)
		assert.Equal(t, r.Name == "bucket", r.Protect, "%s", r.Name)
	}
}
